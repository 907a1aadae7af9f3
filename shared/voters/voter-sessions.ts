/**
 * Voter verification (SPEC.md "Voting"): a voter proves control of a mobile number with a one-time
 * code and gets a signed voter token. Codes are 6 digits, live 5 minutes, die after 5 wrong tries,
 * and only their keyed hash is stored. Sending is limited per number (1 a minute, 5 an hour, 10 a
 * day) and per IP, all limits checked and counted in one atomic step so a refused request counts nothing.
 */
import { randomInt } from 'node:crypto';
import { TooManyRequestsError, UnauthorizedError } from '../errors';
import { secondsToShanghaiMidnight, shanghaiDay, startOfShanghaiDay } from '../votes/days';
import { normalizeMobile } from './phone';
import type { VoterKeys } from './voter-keys';

export const OTP_TTL_SECONDS = 5 * 60;
export const OTP_MAX_ATTEMPTS = 5;
export const VOTER_SESSION_HOURS = 24;

type Period = 'minute' | 'hour' | 'day';
type FixedLimit = { per: Period; limit: number };

/**
 * Sending limits; per IP looser, since carrier NAT puts many voters behind one address.
 * - Per number "1 a minute" is a rolling minute from the last code sent (`gap`), so `retry-after`
 *   is the real wait (about 60 s right after a send), not the rest of a clock minute.
 * - Every other limit is a FIXED window: the clock minute or hour (UTC-aligned, which is Asia/Shanghai
 *   aligned too) or the Asia/Shanghai day. Its count resets when the window ends, so `retry-after`
 *   (the time to the window's end) is the real wait there as well.
 */
export const OTP_LIMITS: { phoneGap: { per: Period; ms: number }; phone: FixedLimit[]; ip: FixedLimit[] } = {
  phoneGap: { per: 'minute', ms: 60_000 },
  phone: [
    { per: 'hour', limit: 5 },
    { per: 'day', limit: 10 },
  ],
  ip: [
    { per: 'minute', limit: 20 },
    { per: 'hour', limit: 200 },
    { per: 'day', limit: 1000 },
  ],
};

/** A fixed window: at most `limit` requests between `startsAt` and `endsAt`. */
export interface RateWindow {
  kind: 'window';
  /** Who and which window, e.g. `otp-phone#<voterId>#hour`. */
  key: string;
  per: Period;
  limit: number;
  startsAt: Date;
  endsAt: Date;
}

/** A rolling gap: at least `gapMs` between two requests that pass; `at` is this request's time. */
export interface RateGap {
  kind: 'gap';
  /** Who, e.g. `otp-phone#<voterId>#gap`. */
  key: string;
  per: Period;
  gapMs: number;
  at: Date;
}

export type RateLimit = RateWindow | RateGap;

/** The limit that refused a request and, for a gap, when the last request passed (if storage said). */
export interface RateRefusal {
  limit: RateLimit;
  lastAt?: Date;
}

export interface OtpRecord {
  codeHash: string;
  attempts: number;
  expiresAt: Date;
}

/** Storage of codes, sending windows and voters (DynamoDB in `voter-repository.ts`). */
export interface VoterRepository {
  /** Counts one request against every limit, all or none; returns the first that refuses it (then nothing was counted). */
  consumeRateLimits(limits: RateLimit[]): Promise<RateRefusal | undefined>;
  /** Replaces the voter's live code. */
  putOtp(voterId: string, record: OtpRecord): Promise<void>;
  /** Spends one attempt on the live code; undefined when there is none (never sent, expired, attempts used up). */
  spendOtpAttempt(voterId: string, now: Date, maxAttempts: number): Promise<OtpRecord | undefined>;
  /** Deletes the code if it is still this one; false when a concurrent request used it first. */
  consumeOtp(voterId: string, codeHash: string): Promise<boolean>;
  /** Records the voter's first session (idempotent) and returns its time. */
  recordVoter(voterId: string, now: Date): Promise<Date>;
}

/** Sends one text message to a phone number (SNS on AWS, the local outbox locally). */
/** The one-time code's variables, for providers that send only approved templates (mainland China). */
export interface OtpSmsParams {
  code: string;
  minutes: number;
}
export type SmsSender = (phoneE164: string, message: string, params: OtpSmsParams) => Promise<void>;

export interface VoterDeps {
  voters: VoterRepository;
  keys: VoterKeys;
  now?: () => Date;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const windowOf = (per: Period, now: Date): { startsAt: Date; endsAt: Date } => {
  if (per === 'day') {
    const startsAt = startOfShanghaiDay(shanghaiDay(now));
    return { startsAt, endsAt: new Date(now.getTime() + secondsToShanghaiMidnight(now) * 1000) };
  }
  const size = per === 'minute' ? MINUTE : HOUR;
  const start = Math.floor(now.getTime() / size) * size;
  return { startsAt: new Date(start), endsAt: new Date(start + size) };
};

/** The sending limits a request for this voter from this IP counts against. */
export const otpLimits = (voterId: string, ip: string, now: Date): RateLimit[] => [
  {
    kind: 'gap',
    key: `otp-phone#${voterId}#gap`,
    per: OTP_LIMITS.phoneGap.per,
    gapMs: OTP_LIMITS.phoneGap.ms,
    at: now,
  },
  ...OTP_LIMITS.phone.map(({ per, limit }) => ({
    kind: 'window' as const,
    key: `otp-phone#${voterId}#${per}`,
    per,
    limit,
    ...windowOf(per, now),
  })),
  ...OTP_LIMITS.ip.map(({ per, limit }) => ({
    kind: 'window' as const,
    key: `otp-ip#${ip}#${per}`,
    per,
    limit,
    ...windowOf(per, now),
  })),
];

/** Seconds until the refusing limit lets a request through: a window's end, or a gap after the last pass (never more than the gap). */
export const retryAfterSeconds = (refusal: RateRefusal, now: Date): number => {
  const until =
    refusal.limit.kind === 'window'
      ? refusal.limit.endsAt.getTime()
      : Math.min(refusal.lastAt?.getTime() ?? now.getTime(), now.getTime()) + refusal.limit.gapMs;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
};

/** Sends a 6-digit code to the number, within the sending limits (429 with retry-after otherwise). */
export const requestOtp = async (
  phone: string,
  ip: string,
  { voters, keys, sms, now = () => new Date() }: VoterDeps & { sms: SmsSender },
): Promise<{ expiresAt: string }> => {
  const normalized = normalizeMobile(phone);
  const voterId = keys.voterId(normalized);
  const at = now();
  const refusal = await voters.consumeRateLimits(otpLimits(voterId, ip, at));
  if (refusal) {
    const { limit } = refusal;
    const retryAfter = retryAfterSeconds(refusal, at);
    const who = limit.key.startsWith('otp-phone') ? 'this number' : 'this network address';
    throw new TooManyRequestsError(`Too many codes requested for ${who}; try again in ${retryAfter} s`, retryAfter, {
      limit: limit.kind === 'window' ? limit.limit : 1,
      per: limit.per,
      window: limit.kind === 'window' ? 'fixed' : 'rolling',
    });
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(at.getTime() + OTP_TTL_SECONDS * 1000);
  await voters.putOtp(voterId, { codeHash: keys.codeHash(voterId, code), attempts: 0, expiresAt });
  await sms(normalized, `${code} 是您的投票验证码，${OTP_TTL_SECONDS / 60}分钟内有效。【荆门优质服务评选】`, {
    code,
    minutes: OTP_TTL_SECONDS / 60,
  });
  return { expiresAt: expiresAt.toISOString() };
};

/** Exchanges a live code for a voter token; each wrong try spends one of the 5 attempts (401). */
export const startVoterSession = async (
  phone: string,
  code: string,
  { voters, keys, now = () => new Date() }: VoterDeps,
): Promise<{ token: string; expiresAt: string }> => {
  const voterId = keys.voterId(normalizeMobile(phone));
  const at = now();
  const otp = await voters.spendOtpAttempt(voterId, at, OTP_MAX_ATTEMPTS);
  if (!otp) throw new UnauthorizedError('No live code for this number: request a new one (POST /voter/otp)');
  const given = keys.codeHash(voterId, code);
  if (given !== otp.codeHash || !(await voters.consumeOtp(voterId, given))) {
    const attemptsLeft = Math.max(0, OTP_MAX_ATTEMPTS - otp.attempts);
    throw new UnauthorizedError(
      attemptsLeft > 0
        ? `The code is wrong; ${attemptsLeft} attempt(s) left`
        : 'The code is wrong and used up: request a new one',
      { attemptsLeft },
    );
  }
  const firstSeenAt = await voters.recordVoter(voterId, at);
  const expiresAt = new Date(at.getTime() + VOTER_SESSION_HOURS * HOUR);
  return { token: keys.signToken({ voterId, firstSeenAt, expiresAt }), expiresAt: expiresAt.toISOString() };
};
