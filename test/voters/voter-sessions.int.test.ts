/**
 * Sending limits of one-time codes, against DynamoDB Local with the clock injected: per number,
 * one code per rolling minute from the last code sent (retry-after is the real wait), five per
 * fixed clock hour; a refused request counts nothing.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TooManyRequestsError } from '../../shared/errors';
import { createVoterKeys } from '../../shared/voters/voter-keys';
import { createVoterRepository } from '../../shared/voters/voter-repository';
import { requestOtp } from '../../shared/voters/voter-sessions';
import { phoneNumber } from '../votes/support/fixtures';

const voters = createVoterRepository({ tableName: process.env.TABLE_NAME! });
const keys = createVoterKeys('a'.repeat(64));
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Requests a code at `at` (ms); returns 'sent' or the retry-after seconds of the 429. */
const request = (phone: string, ip: string) => async (at: number) => {
  try {
    await requestOtp(phone, ip, { voters, keys, sms: async () => undefined, now: () => new Date(at) });
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
