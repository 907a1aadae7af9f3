/**
 * The local staff issuer: stands in for the Cognito user pool. An RS256 key pair made on first
 * start and kept in the data dir, a JWKS, and ID tokens with Cognito's claim names for the demo users.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { DemoUser } from './demo-users';

const TOKEN_HOURS = 12;

export interface LocalIssuer {
  jwks: { keys: JWK[] };
  /** A signed ID token for the user, valid 12 hours. */
  signIdToken(user: DemoUser): Promise<string>;
  /**
   * Any token this issuer's key signs (tests: other issuers' claim shapes, missing or old `iat`).
   * `iat`/`exp` in seconds; `null` leaves the claim out.
   */
  signToken(
    claims: JWTPayload,
    options: { issuer: string; audience: string; iat?: number | null; exp?: number | null },
  ): Promise<string>;
}

/** The user's stable subject: Cognito's `sub` is a UUID; here one derived stably from the username. */
export const demoSub = (username: string): string => {
  const hex = createHash('sha256').update(username).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** Loads the key pair from `keyFile`, generating and saving it on first use. */
export const createLocalIssuer = async ({
  keyFile,
  issuer,
  audience,
}: {
  keyFile: string;
  issuer: string;
  audience: string;
}): Promise<LocalIssuer> => {
  let privateJwk: JWK;
  if (existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    privateJwk = await exportJWK(privateKey);
    privateJwk.kid = await calculateJwkThumbprint(privateJwk);
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { kty, n, e, kid } = privateJwk;
  const publicJwk: JWK = { kty, n, e, kid, alg: 'RS256', use: 'sig' };
  const privateKey = await importJWK(privateJwk, 'RS256');
  const signToken: LocalIssuer['signToken'] = (claims, { issuer: iss, audience: aud, iat, exp }) => {
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = iat === undefined ? now : iat;
    const expires = exp === undefined ? now + TOKEN_HOURS * 3600 : exp;
    return new SignJWT({
      ...claims,
      ...(issuedAt === null ? {} : { iat: issuedAt }),
      ...(expires === null ? {} : { exp: expires }),
    })
      .setProtectedHeader({ alg: 'RS256', kid: kid!, typ: 'JWT' })
      .setIssuer(iss)
      .setAudience(aud)
      .sign(privateKey);
  };
  return {
    jwks: { keys: [publicJwk] },
    signToken,
    signIdToken: (user) =>
      signToken(
        {
          sub: demoSub(user.username),
          'cognito:username': user.username,
          name: user.name,
          'cognito:groups': user.roles,
          ...(user.district ? { 'custom:district': user.district } : {}),
          ...(user.department ? { 'custom:department': user.department } : {}),
          ...(user.unit ? { 'custom:unit': user.unit } : {}),
          token_use: 'id',
          auth_time: Math.floor(Date.now() / 1000),
        },
        { issuer, audience },
      ),
  };
};
