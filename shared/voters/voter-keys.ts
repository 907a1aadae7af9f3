/**
 * Everything keyed by the voter secret, with one sub-key per purpose (domain separation): the
 * voter id (keyed hash of the phone number: the number itself is never stored), the hash of a
 * one-time code, the voter token's signature, and the tag that lets the API recognise receipt ids
 * it issued without storing them. HMAC-SHA256 from node:crypto: a few microseconds per call.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { say, UnauthorizedError } from '../errors';

export interface VoterClaims {
  /** Keyed hash of the phone number: the voter. */
  voterId: string;
  /** When this number first obtained a session (new voters at odd hours are a brushing signal). */
  firstSeenAt: Date;
  /** When this session began: a revocation (DELETE /voter/session) ends every session begun before it. */
  issuedAt: Date;
  expiresAt: Date;
}

export interface VoterKeys {
  /** The voter id of a normalised phone number (base64url, 128 bits). */
  voterId(phoneE164: string): string;
  /** The stored form of a one-time code, bound to the voter. */
  codeHash(voterId: string, code: string): string;
  signToken(claims: VoterClaims): string;
  /** The claims of a token this secret signed and that has not expired; 401 otherwise. */
  verifyToken(token: string, now: Date): VoterClaims;
  /** A new request id carrying a tag only this secret makes (24 random hex + 16 tag hex). */
  newRequestId(): string;
  /** Whether a request id was issued with this secret. */
  isOwnRequestId(requestId: string): boolean;
}

const TOKEN_VERSION = 'v2';

const subKey = (secret: string, purpose: string): Buffer =>
  createHmac('sha256', secret).update(`service-awards/${purpose}`).digest();

const base36Seconds = (date: Date) => Math.floor(date.getTime() / 1000).toString(36);

const mac = (key: Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

const sameBytes = (a: string, b: string): boolean => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};

const invalid = () =>
  new UnauthorizedError(
    say(
      '投票令牌无效或已过期，请重新验证手机号（POST /voter/otp）',
      'The voter token is invalid or expired: verify your phone number again (POST /voter/otp)',
    ),
  );

/** Derives the purpose keys from the secret material (Secrets Manager on AWS, a generated local key locally). */
export const createVoterKeys = (secret: string): VoterKeys => {
  if (secret.length < 32) throw new Error('The voter secret must be at least 32 characters');
  const phoneKey = subKey(secret, 'voter-phone');
  const codeKey = subKey(secret, 'voter-otp');
  const tokenKey = subKey(secret, 'voter-token');
  const requestKey = subKey(secret, 'vote-request');
  const tagOf = (random: string) => mac(requestKey, random).toString('hex').slice(0, 16);

  return {
    voterId: (phone) => mac(phoneKey, phone).toString('base64url').slice(0, 22),
    codeHash: (voterId, code) => mac(codeKey, `${voterId}:${code}`).toString('base64url'),

    signToken({ voterId, firstSeenAt, issuedAt, expiresAt }) {
      const payload = [TOKEN_VERSION, voterId, ...[firstSeenAt, issuedAt, expiresAt].map(base36Seconds)].join('.');
      return `${payload}.${mac(tokenKey, payload).toString('base64url')}`;
    },

    verifyToken(token, now) {
      const parts = token.split('.');
      if (parts.length !== 6 || parts[0] !== TOKEN_VERSION) throw invalid();
      const payload = parts.slice(0, 5).join('.');
      if (!sameBytes(parts[5]!, mac(tokenKey, payload).toString('base64url'))) throw invalid();
      const [firstSeen, issued, expires] = parts.slice(2, 5).map((part) => parseInt(part, 36) * 1000);
      if (![firstSeen, issued, expires].every(Number.isFinite) || expires! <= now.getTime()) throw invalid();
      return {
        voterId: parts[1]!,
        firstSeenAt: new Date(firstSeen!),
        issuedAt: new Date(issued!),
        expiresAt: new Date(expires!),
      };
    },

    newRequestId() {
      const random = randomBytes(12).toString('hex');
      return `${random}${tagOf(random)}`;
    },

    isOwnRequestId(requestId) {
      if (!/^[0-9a-f]{40}$/.test(requestId)) return false;
      return sameBytes(requestId.slice(24), tagOf(requestId.slice(0, 24)));
    },
  };
};
