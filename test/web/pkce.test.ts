/** The staff sign-in's PKCE values (web/src/pkce.ts), against RFC 7636's own example. */
import { describe, expect, it } from 'vitest';
import { challengeOf, randomToken } from '../../web/src/pkce';

describe('PKCE for the staff sign-in', () => {
  it("derives RFC 7636's S256 challenge from its example verifier (Appendix B)", async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers of 43 unreserved characters, a new one each time', () => {
    const tokens = new Set(Array.from({ length: 50 }, randomToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
