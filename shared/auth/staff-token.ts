/**
 * Staff identity: an OIDC ID token (Cognito on AWS, the local issuer locally, any issuer with a
 * JWKS elsewhere, e.g. AWS China regions that lack Cognito user pools). Groups are roles; custom
 * claims carry district, department and unit. The authorizer verifies it once and hands the
 * handlers a flat string context; both sides use the functions below.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type Actor, type Role } from './actor';
import { UnauthorizedError } from '../errors';

export interface StaffTokenSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

const jwksByUrl = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** Verifies signature, issuer, audience, expiry and token use; 401 on any failure. */
export const verifyStaffToken = async (token: string, settings: StaffTokenSettings): Promise<Actor> => {
  let jwks = jwksByUrl.get(settings.jwksUrl);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(settings.jwksUrl), { cacheMaxAge: 10 * 60 * 1000 });
    jwksByUrl.set(settings.jwksUrl, jwks);
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, jwks, {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: ['RS256'],
    }));
  } catch {
    throw new UnauthorizedError('The bearer token is invalid or expired');
  }
  if (payload.token_use !== 'id') throw new UnauthorizedError('Use the ID token of the staff sign-in');
  return claimsToActor(payload);
};

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Maps ID-token claims (Cognito's names) to an Actor. */
export const claimsToActor = (claims: JWTPayload): Actor => {
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
  const roles = groups.filter((g): g is Role => ROLES.includes(g as Role));
  const username = str(claims['cognito:username']) ?? str(claims.preferred_username) ?? str(claims.sub);
  if (!claims.sub || !username) throw new UnauthorizedError('The token names no subject');
  return {
    sub: claims.sub,
    username,
    name: str(claims.name) ?? username,
    roles,
    district: str(claims['custom:district']),
    department: str(claims['custom:department']),
    unit: str(claims['custom:unit']),
  };
};

/** API Gateway authorizer context values must be strings: roles are joined with commas. */
export const actorToContext = (actor: Actor): Record<string, string> => ({
  sub: actor.sub,
  username: actor.username,
  name: actor.name,
  roles: actor.roles.join(','),
  district: actor.district ?? '',
  department: actor.department ?? '',
  unit: actor.unit ?? '',
});

/** Reads the authorizer context back; undefined when there is none. */
export const actorFromContext = (context: Record<string, unknown> | null | undefined): Actor | undefined => {
  if (!context || typeof context.sub !== 'string' || typeof context.username !== 'string') return undefined;
  const roles = String(context.roles ?? '')
    .split(',')
    .filter((r): r is Role => ROLES.includes(r as Role));
  return {
    sub: context.sub,
    username: context.username,
    name: str(context.name) ?? context.username,
    roles,
    district: str(context.district),
    department: str(context.department),
    unit: str(context.unit),
  };
};
