/**
 * Voter verification (SPEC.md "Voting"): a voter proves control of a mobile number with a one-time
 * code and gets a signed voter token. Codes are 6 digits, live 5 minutes, and only their keyed hash
 * is stored. Sending is limited per number (1 a minute, 5 an hour, 10 a day) and per IP, checked
 * and counted in one atomic step so a refused request counts nothing, and then by the day's SMS
 * budget for the whole system.
 * Guesses are limited per (number, source address), 5 an hour, so a stranger who knows a number
 * cannot use up its owner's code; a code dies only after 30 guesses from all sources together.
 * A session lasts until voting closes (one code per voter per campaign) unless configured shorter,
 * and the voter can end it (DELETE /voter/session).
 */
import type { SessionEnds } from './session-ends';
import { randomInt } from 'node:crypto';
import { say, ServiceUnavailableError, TooManyRequestsError, UnauthorizedError } from '../errors';
import { CATEGORIES, type Campaign, hasReached } from '../campaigns/schema';
import type { BallotSessionEnds } from '../votes/ballots';
import { secondsToShanghaiMidnight, shanghaiDay, startOfShanghaiDay } from '../votes/days';
import { normalizeMobile } from './phone';
import type { VoterClaims, VoterKeys } from './voter-keys';

export const OTP_TTL_SECONDS = 5 * 60;
/** Guesses per (number, source address) per clock hour. */
export const OTP_GUESSES_PER_SOURCE = 5;
/** Guesses at one code from all sources together: a 1 in 33,000 chance for a guesser; 6+ addresses to burn it. */
export const OTP_MAX_ATTEMPTS = 30;
/**
 * Text messages per Asia/Shanghai day unless `SMS_DAILY_BUDGET` says otherwise (about US$400-1,000 a day at SNS prices
 * to +86).
 */
export const DEFAULT_SMS_DAILY_BUDGET = 20_000;
/** A session never outlives this, whatever the voting schedule says. */
export const VOTER_SESSION_MAX_DAYS = 31;
/** The session length when no campaign in voting has a scheduled close. */
export const VOTER_SESSION_FALLBACK_HOURS = 24;

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
export interface VoterRepository extends SessionEnds {
  /**
   * Counts one request against every limit, all or none; returns the first that refuses it (then nothing was counted).
   */
  consumeRateLimits(limits: RateLimit[]): Promise<RateRefusal | undefined>;
  /**
   * Counts one against a window shared by every request (no transaction, so no conflicts on its hot item); false when
   * full.
   */
  consumeBudget(limit: RateWindow): Promise<boolean>;
  /** Replaces the voter's live code. */
  putOtp(voterId: string, record: OtpRecord): Promise<void>;
  /** Spends one attempt on the live code; undefined when there is none (never sent, expired, attempts used up). */
  spendOtpAttempt(voterId: string, now: Date, maxAttempts: number): Promise<OtpRecord | undefined>;
  /** Deletes the code if it is still this one; false when a concurrent request used it first. */
  consumeOtp(voterId: string, codeHash: string): Promise<boolean>;
  /** Records the voter's first session (idempotent) and returns its time. */
  recordVoter(voterId: string, now: Date): Promise<Date>;
  /** Ends every session of the voter begun before `now`. */
  revokeSessions(voterId: string, now: Date): Promise<void>;
}

/** The one-time code's variables, for providers that send only approved templates (mainland China). */
export interface OtpSmsParams {
  code: string;
  minutes: number;
}
/**
 * Sends one text message to a phone number (SNS or Alibaba Cloud on AWS, the local outbox locally). `params` are a
 * one-time code's; a message without them (a notification) is free text, which Alibaba Cloud does not send.
 */
export type SmsSender = (phoneE164: string, message: string, params?: OtpSmsParams) => Promise<void>;

export interface VoterDeps {
  voters: VoterRepository;
  keys: VoterKeys;
  now?: () => Date;
}

/** How long sessions last and what sending may cost (from configuration). */
export interface VoterPolicy {
  /** A fixed session length in hours; undefined: until voting closes. */
  sessionHours?: number;
  /** Text messages the whole system may send per Asia/Shanghai day. */
  smsDailyBudget: number;
}

/** `VOTER_SESSION_HOURS` when sessions last until voting closes (the default). */
export const SESSION_UNTIL_VOTING_CLOSES = 'until-voting-closes';

/** The policy from its configured text: a daily budget, and hours or `until-voting-closes`. */
export const parseVoterPolicy = (smsDailyBudget: string, sessionHours: string): VoterPolicy => {
  const budget = Number(smsDailyBudget);
  if (!Number.isInteger(budget) || budget < 0)
    throw new Error(`SMS_DAILY_BUDGET must be a whole number: ${smsDailyBudget}`);
  if (sessionHours === SESSION_UNTIL_VOTING_CLOSES) return { smsDailyBudget: budget };
  const hours = Number(sessionHours);
  if (!(hours > 0))
    throw new Error(`VOTER_SESSION_HOURS must be hours or ${SESSION_UNTIL_VOTING_CLOSES}: ${sessionHours}`);
  return { smsDailyBudget: budget, sessionHours: hours };
};

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

/**
 * Seconds until the refusing limit lets a request through: a window's end, or a gap after the last pass (never more
 * than the gap).
 */
export const retryAfterSeconds = (refusal: RateRefusal, now: Date): number => {
  const until =
    refusal.limit.kind === 'window'
      ? refusal.limit.endsAt.getTime()
      : Math.min(refusal.lastAt?.getTime() ?? now.getTime(), now.getTime()) + refusal.limit.gapMs;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
};

/** The day's budget of text messages, for the whole system (sessions and codes are not per campaign). */
export const smsBudgetLimit = (budget: number, now: Date): RateWindow => ({
  kind: 'window',
  key: 'sms-budget',
  per: 'day',
  limit: budget,
  ...windowOf('day', now),
});

/** Guesses at a number's code from one source address, per clock hour. */
export const guessLimit = (voterId: string, ip: string, now: Date): RateWindow => ({
  kind: 'window',
  key: `otp-guess#${voterId}#${ip}`,
  per: 'hour',
  limit: OTP_GUESSES_PER_SOURCE,
  ...windowOf('hour', now),
});

/**
 * Sends a 6-digit code to the number, within the sending limits (429 with retry-after otherwise)
 * and the day's SMS budget (503 SMS_BUDGET_EXHAUSTED). The code is stored only once the message
 * went out: a failed send leaves the previous code as it was and answers 503 SMS_SEND_FAILED.
 */
export const requestOtp = async (
  phone: string,
  ip: string,
  { voters, keys, sms, policy, now = () => new Date() }: VoterDeps & { sms: SmsSender; policy: VoterPolicy },
): Promise<{ expiresAt: string }> => {
  const normalized = normalizeMobile(phone);
  const voterId = keys.voterId(normalized);
  const at = now();
  const refusal = await voters.consumeRateLimits(otpLimits(voterId, ip, at));
  if (refusal) {
    const { limit } = refusal;
    const retryAfter = retryAfterSeconds(refusal, at);
    const who = limit.key.startsWith('otp-phone')
      ? say('此号码', 'this number')
      : say('此网络地址', 'this network address');
    throw new TooManyRequestsError(
      say(
        `${who.zh}请求验证码过于频繁，请 ${retryAfter} 秒后再试`,
        `Too many codes requested for ${who.en}; try again in ${retryAfter} s`,
      ),
      retryAfter,
      {
        limit: limit.kind === 'window' ? limit.limit : 1,
        per: limit.per,
        window: limit.kind === 'window' ? 'fixed' : 'rolling',
      },
    );
  }
  const budget = smsBudgetLimit(policy.smsDailyBudget, at);
  if (!(await voters.consumeBudget(budget))) {
    throw new ServiceUnavailableError(
      'SMS_BUDGET_EXHAUSTED',
      'SmsBudgetExhausted',
      say('今日验证码短信已达上限，请明天再试', "Today's text messages are all spent; try again tomorrow"),
      retryAfterSeconds({ limit: budget }, at),
    );
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(at.getTime() + OTP_TTL_SECONDS * 1000);
  try {
    await sms(normalized, `${code} 是您的投票验证码，${OTP_TTL_SECONDS / 60}分钟内有效。【荆门优质服务评选】`, {
      code,
      minutes: OTP_TTL_SECONDS / 60,
    });
  } catch (cause) {
    throw new ServiceUnavailableError(
      'SMS_SEND_FAILED',
      'SmsSendFailed',
      say('验证码短信发送失败，请稍后再试', 'The code could not be sent; try again in a minute'),
      Math.ceil(OTP_LIMITS.phoneGap.ms / 1000),
      { cause },
    );
  }
  await voters.putOtp(voterId, { codeHash: keys.codeHash(voterId, code), attempts: 0, expiresAt });
  return { expiresAt: expiresAt.toISOString() };
};

/**
 * When a session begun `now` ends: after the configured hours, else when voting closes (the latest
 * scheduled close of a campaign in publicity or voting), else after a day; never past the maximum.
 */
export const sessionEnd = (now: Date, campaigns: Pick<Campaign, 'stage' | 'config'>[], sessionHours?: number) => {
  const max = now.getTime() + VOTER_SESSION_MAX_DAYS * 24 * HOUR;
  if (sessionHours !== undefined) return new Date(Math.min(max, now.getTime() + sessionHours * HOUR));
  const closes = campaigns
    .filter((c) => c.stage === 'publicity' || c.stage === 'voting')
    .flatMap((c) => (c.config.schedule.scoring ? [Date.parse(c.config.schedule.scoring)] : []))
    .filter((t) => t > now.getTime());
  const end = closes.length > 0 ? Math.max(...closes) : now.getTime() + VOTER_SESSION_FALLBACK_HOURS * HOUR;
  return new Date(Math.min(max, end));
};

/**
 * Exchanges a live code for a voter token. Guesses count per (number, source address): 5 an hour
 * (429), so guesses from elsewhere cannot lock the owner out; each guess also spends one of the
 * code's 30 attempts (401 while wrong).
 */
export const startVoterSession = async (
  phone: string,
  code: string,
  ip: string,
  { voters, keys, sessionEndsAt, now = () => new Date() }: VoterDeps & { sessionEndsAt: (now: Date) => Promise<Date> },
): Promise<{ token: string; expiresAt: string }> => {
  const voterId = keys.voterId(normalizeMobile(phone));
  const at = now();
  const refusal = await voters.consumeRateLimits([guessLimit(voterId, ip, at)]);
  if (refusal) {
    const retryAfter = retryAfterSeconds(refusal, at);
    throw new TooManyRequestsError(
      say(
        `此号码从本网络地址尝试次数过多，请 ${retryAfter} 秒后再试`,
        `Too many codes tried for this number from this address; try again in ${retryAfter} s`,
      ),
      retryAfter,
      { limit: OTP_GUESSES_PER_SOURCE, per: 'hour', window: 'fixed' },
    );
  }
  const otp = await voters.spendOtpAttempt(voterId, at, OTP_MAX_ATTEMPTS);
  if (!otp)
    throw new UnauthorizedError(
      say(
        '此号码没有有效的验证码，请重新获取（POST /voter/otp）',
        'No live code for this number: request a new one (POST /voter/otp)',
      ),
    );
  const given = keys.codeHash(voterId, code);
  if (given !== otp.codeHash || !(await voters.consumeOtp(voterId, given))) {
    const attemptsLeft = Math.max(0, OTP_MAX_ATTEMPTS - otp.attempts);
    throw new UnauthorizedError(
      attemptsLeft > 0
        ? say(`验证码错误，还可尝试 ${attemptsLeft} 次`, 'The code is wrong')
        : say('验证码错误且已失效，请重新获取', 'The code is wrong and used up: request a new one'),
      { attemptsLeft },
    );
  }
  const firstSeenAt = await voters.recordVoter(voterId, at);
  const expiresAt = await sessionEndsAt(at);
  return {
    token: keys.signToken({ voterId, firstSeenAt, issuedAt: at, expiresAt }),
    expiresAt: expiresAt.toISOString(),
  };
};

/** The 401 of a session the voter ended. */
export const sessionEndedError = () =>
  new UnauthorizedError(
    say('此会话已结束，请重新验证手机号', 'This session was ended: verify your phone number again'),
  );

/** 401 when the voter ended their sessions after this one began. */
export const assertSessionLive = async (voter: VoterClaims, { voters }: { voters: SessionEnds }): Promise<void> => {
  const revokedAt = await voters.sessionsRevokedAt(voter.voterId);
  // Token times are whole seconds: a session begun in the second of the revocation ends too.
  if (revokedAt && voter.issuedAt.getTime() <= revokedAt.getTime()) throw sessionEndedError();
};

/**
 * The voter ends every session of theirs begun so far (a lost or shared phone): DELETE /voter/session. The profile
 * says so for every route; the voter's ballots of the day in every campaign whose voting has not closed say so too,
 * since the vote route checks a session begun that day only there (docs/counting.md, "Ending a session").
 */
export const endVoterSessions = async (
  voter: VoterClaims,
  {
    voters,
    ballots,
    campaigns,
    now = () => new Date(),
  }: Pick<VoterDeps, 'voters' | 'now'> & {
    ballots: BallotSessionEnds;
    campaigns: () => Promise<Pick<Campaign, 'id' | 'stage'>[]>;
  },
): Promise<{ ended: true }> => {
  const at = now();
  const day = shanghaiDay(at);
  await voters.revokeSessions(voter.voterId, at);
  const open = (await campaigns()).filter((c) => !hasReached(c.stage, 'scoring'));
  await Promise.all(
    open.flatMap((c) =>
      CATEGORIES.map((category) =>
        ballots.endSessions({ campaignId: c.id, voterId: voter.voterId, day, category }, at),
      ),
    ),
  );
  return { ended: true };
};
