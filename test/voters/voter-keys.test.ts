import { describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../../shared/errors';
import { normalizeMobile } from '../../shared/voters/phone';
import { createVoterKeys } from '../../shared/voters/voter-keys';

const keys = createVoterKeys('a'.repeat(64));
const now = new Date('2019-07-28T10:00:00+08:00');
const claims = {
  voterId: keys.voterId('+8613800000001'),
  firstSeenAt: new Date('2019-07-27T09:00:00+08:00'),
  issuedAt: new Date('2019-07-28T09:00:00+08:00'),
  expiresAt: new Date('2019-07-29T10:00:00+08:00'),
};

describe('voter keys', () => {
  it('gives one voter id per number, whatever its written form, and never the number itself', () => {
    const id = keys.voterId(normalizeMobile('+86 138-0000-0001'));
    expect(id).toBe(keys.voterId(normalizeMobile('13800000001')));
    expect(id).toBe(keys.voterId(normalizeMobile('008613800000001')));
    expect(id).not.toContain('13800000001');
    expect(id).not.toBe(createVoterKeys('b'.repeat(64)).voterId('+8613800000001'));
  });

  it('refuses numbers that are not mainland mobiles', () => {
    for (const bad of ['12345', '+1 650 555 0100', '23800000001', '1380000000x'])
      expect(() => normalizeMobile(bad)).toThrow();
  });

  it('verifies a token it signed and returns its claims', () => {
    const token = keys.signToken(claims);
    expect(token.length).toBeLessThan(100);
    const verified = keys.verifyToken(token, now);
    expect(verified.voterId).toBe(claims.voterId);
    expect(verified.firstSeenAt.toISOString()).toBe(claims.firstSeenAt.toISOString());
    expect(verified.issuedAt.toISOString()).toBe(claims.issuedAt.toISOString());
  });

  it('refuses an expired, altered or foreign token with 401', () => {
    const token = keys.signToken(claims);
    expect(() => keys.verifyToken(token, new Date('2019-07-29T10:00:01+08:00'))).toThrow(UnauthorizedError);
    const parts = token.split('.');
    const otherVoter = [parts[0], keys.voterId('+8613800000002'), ...parts.slice(2)].join('.');
    expect(() => keys.verifyToken(otherVoter, now)).toThrow(UnauthorizedError);
    expect(() => createVoterKeys('b'.repeat(64)).verifyToken(token, now)).toThrow(UnauthorizedError);
    expect(() => keys.verifyToken('not-a-token', now)).toThrow(UnauthorizedError);
  });

  it('recognises request ids it issued and no others', () => {
    const id = keys.newRequestId();
    expect(keys.isOwnRequestId(id)).toBe(true);
    expect(keys.isOwnRequestId(`${id.slice(0, 23)}${id[23] === '0' ? '1' : '0'}${id.slice(24)}`)).toBe(false);
    expect(createVoterKeys('b'.repeat(64)).isOwnRequestId(id)).toBe(false);
  });
});
