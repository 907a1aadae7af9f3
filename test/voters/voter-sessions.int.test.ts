/**
 * One-time codes against DynamoDB Local with the clock injected. Sending: per number, one code per
 * rolling minute from the last code sent (retry-after is the real wait), five per fixed clock hour;
 * a refused request counts nothing; the day's SMS budget (503); a failed send stores nothing.
 * Guessing: per (number, source address), so a stranger cannot use up the owner's code. Sessions:
 * the voter can end them.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError, TooManyRequestsError, UnauthorizedError } from '../../shared/errors';
import { createVoterKeys } from '../../shared/voters/voter-keys';
import { createVoterRepository } from '../../shared/voters/voter-repository';
import { createBallotSessionEnds } from '../../shared/votes/ballot-repository';
import {
  assertSessionLive,
  endVoterSessions,
  OTP_GUESSES_PER_SOURCE,
  requestOtp,
  startVoterSession,
} from '../../shared/voters/voter-sessions';
import { phoneNumber } from '../votes/support/fixtures';

const voters = createVoterRepository({ tableName: process.env.TABLE_NAME! });
const ballots = createBallotSessionEnds({ tableName: process.env.TABLE_NAME! });
const keys = createVoterKeys('a'.repeat(64));
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const policy = { smsDailyBudget: 1_000_000 };
/** A day of its own in the future (the SMS budget is one counter per day for the whole system). */
const dayOfItsOwn = () => Date.parse('2031-01-01T00:00:00+08:00') + Math.floor(Math.random() * 3000) * DAY;

/** Sends a code at `at` and returns it, as the voter reads it from the message. */
const sendCode = async (phone: string, ip: string, at: number, sendPolicy = policy) => {
  let code = '';
  await requestOtp(phone, ip, {
    voters,
    keys,
    policy: sendPolicy,
    sms: async (_to, message) => {
      code = message.slice(0, 6);
    },
    now: () => new Date(at),
  });
  return code;
};
const session = (phone: string, code: string, ip: string, at: number) =>
  startVoterSession(phone, code, ip, {
    voters,
    keys,
    sessionEndsAt: async (now) => new Date(now.getTime() + DAY),
    now: () => new Date(at),
  });

/** Requests a code at `at` (ms); returns 'sent' or the retry-after seconds of the 429. */
const request = (phone: string, ip: string) => async (at: number) => {
  try {
    await requestOtp(phone, ip, { voters, keys, sms: async () => undefined, policy, now: () => new Date(at) });
    return 'sent';
  } catch (error) {
    if (error instanceof TooManyRequestsError) return error.retryAfterSeconds;
    throw error;
  }
};
const freshIp = () => `10.${randomBytes(3).join('.')}`;

describe('one-time code sending limits', () => {
  it('allows one code per number per rolling minute from the last code sent, with the real wait as retry-after', async () => {
    // 50 s into a clock minute (in the near future, so nothing expires under the test's feet).
    const t0 = Math.ceil(Date.now() / MINUTE) * MINUTE + 50_000;
    const otp = request(phoneNumber(), freshIp());
    expect(await otp(t0)).toBe('sent');
    expect(await otp(t0 + 200)).toBe(60);
    // Across the clock minute's end: still the same rolling minute.
    expect(await otp(t0 + 15_000)).toBe(45);
    expect(await otp(t0 + 59_500)).toBe(1);
    expect(await otp(t0 + MINUTE)).toBe('sent');
    expect(await otp(t0 + MINUTE + 1000)).toBe(59);
  });

  it('allows five codes per number per fixed clock hour, and a refused request counts nothing', async () => {
    const hour = Math.ceil(Date.now() / HOUR) * HOUR;
    const otp = request(phoneNumber(), freshIp());
    for (let i = 0; i < 5; i++) {
      expect(await otp(hour + i * 61_000)).toBe('sent');
      // Refused by the minute: not counted in the hour or the day.
      expect(await otp(hour + i * 61_000 + 1000)).toBe(59);
    }
    const sixth = hour + 5 * 61_000;
    expect(await otp(sixth)).toBe((HOUR - 5 * 61_000) / 1000);
    expect(await otp(hour + HOUR)).toBe('sent');
  });
});

describe('the SMS budget and failed sends', () => {
  it("answers 503 SMS_BUDGET_EXHAUSTED once the day's budget is spent, until the next day", async () => {
    const day = dayOfItsOwn();
    const small = { smsDailyBudget: 2 };
    await sendCode(phoneNumber(), freshIp(), day + HOUR, small);
    await sendCode(phoneNumber(), freshIp(), day + HOUR, small);
    const refused = await sendCode(phoneNumber(), freshIp(), day + 2 * HOUR, small).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceUnavailableError);
    expect(refused).toMatchObject({ status: 503, code: 'SMS_BUDGET_EXHAUSTED', retryAfterSeconds: 22 * 3600 });
    expect(await sendCode(phoneNumber(), freshIp(), day + DAY + HOUR, small)).toMatch(/^\d{6}$/);
  });

  it('answers 503 SMS_SEND_FAILED when the provider refuses, stores no code, and leaves the previous one usable', async () => {
    const t0 = Date.now();
    const phone = phoneNumber();
    const ip = freshIp();
    const first = await sendCode(phone, ip, t0);
    const failed = await requestOtp(phone, ip, {
      voters,
      keys,
      policy,
      sms: async () => {
        throw new Error('OptedOut or sandbox: destination not verified');
      },
      now: () => new Date(t0 + MINUTE),
    }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ status: 503, code: 'SMS_SEND_FAILED', retryAfterSeconds: 60 });
    expect((await session(phone, first, ip, t0 + MINUTE + 1000)).token).toEqual(expect.any(String));
  });

  it('stores nothing usable when the very first send fails', async () => {
    const t0 = Date.now();
    const phone = phoneNumber();
    const ip = freshIp();
    let sent = '';
    await expect(
      requestOtp(phone, ip, {
        voters,
        keys,
        policy,
        sms: async (_to, message) => {
          sent = message.slice(0, 6);
          throw new Error('throttled');
        },
        now: () => new Date(t0),
      }),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(session(phone, sent, ip, t0 + 1000)).rejects.toThrow(/No live code/);
  });
});

describe('guessing codes', () => {
  it("locks out the stranger's address after 5 guesses, while the owner still signs in with the code", async () => {
    const t0 = Date.now();
    const phone = phoneNumber();
    const owner = freshIp();
    const stranger = freshIp();
    const code = await sendCode(phone, owner, t0);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < OTP_GUESSES_PER_SOURCE; i++) {
      await expect(session(phone, wrong, stranger, t0 + 1000)).rejects.toBeInstanceOf(UnauthorizedError);
    }
    // Even the right code is refused from the stranger's address now.
    await expect(session(phone, code, stranger, t0 + 2000)).rejects.toBeInstanceOf(TooManyRequestsError);
    expect((await session(phone, code, owner, t0 + 3000)).token).toEqual(expect.any(String));
  });
});

describe('ending sessions', () => {
  it('ends every session begun before, and a later one works', async () => {
    const t0 = Date.now() - 10 * MINUTE;
    const phone = phoneNumber();
    const ip = freshIp();
    const first = await session(phone, await sendCode(phone, ip, t0), ip, t0 + 1000);
    const voter = keys.verifyToken(first.token, new Date(t0 + 2000));
    await assertSessionLive(voter, { voters });
    // No campaign to vote in: the profile alone ends it (the ballots' side: test/votes/session-on-ballot.int.test.ts).
    await endVoterSessions(voter, { voters, ballots, campaigns: async () => [], now: () => new Date(t0 + 3000) });
    await expect(assertSessionLive(voter, { voters })).rejects.toBeInstanceOf(UnauthorizedError);
    const second = await session(phone, await sendCode(phone, ip, t0 + 2 * MINUTE), ip, t0 + 2 * MINUTE + 1000);
    await assertSessionLive(keys.verifyToken(second.token, new Date(t0 + 3 * MINUTE)), { voters });
  });
});
