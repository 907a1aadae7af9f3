/**
 * Staff identity: an OIDC ID token (Cognito on AWS, the local issuer locally, any issuer with a
 * JWKS elsewhere, e.g. AWS China regions that lack Cognito user pools). Groups are roles; other
 * claims carry district, department and unit, under names the claim mapping gives (Cognito's by
 * default). The authorizer verifies it once and hands the handlers a flat string context; both
 * sides use the functions below.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type Actor, type Role } from './actor';
import { say, UnauthorizedError } from '../errors';

/** Which claim carries what. A dotted name reads a nested claim (`realm_access.roles`). */
export interface StaffClaimNames {
  groups: string;
  district: string;
  department: string;
  unit: string;
}

/** Cognito user pool ID tokens: groups in `cognito:groups`, scope in the custom attributes. */
export const COGNITO_CLAIMS: StaffClaimNames = {
  groups: 'cognito:groups',
  district: 'custom:district',
  department: 'custom:department',
  unit: 'custom:unit',
};

/** The longest a staff token is accepted after it was issued (`iat`), whatever its `exp` says. */
export const DEFAULT_STAFF_TOKEN_MAX_AGE_SECONDS = 12 * 60 * 60;

export interface StaffTokenSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  claims: StaffClaimNames;
  maxAgeSeconds: number;
}

/**
 * The settings from their configured text: `claims` is JSON naming the claims that differ from
 * Cognito's (e.g. `{"groups":"realm_access.roles","district":"district"}`; `{}` for Cognito).
 */
export const staffTokenSettings = (text: {
  issuer: string;
  audience: string;
  jwksUrl: string;
  claims: string;
  maxAgeSeconds: string;
}): StaffTokenSettings => {
  const maxAgeSeconds = Number(text.maxAgeSeconds);
  if (!(maxAgeSeconds > 0))
    throw new Error(`STAFF_TOKEN_MAX_AGE_SECONDS must be a positive number: ${text.maxAgeSeconds}`);
  return {
    issuer: text.issuer,
    audience: text.audience,
    jwksUrl: text.jwksUrl,
    claims: { ...COGNITO_CLAIMS, ...(JSON.parse(text.claims) as Partial<StaffClaimNames>) },
    maxAgeSeconds,
  };
};

const jwksByUrl = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * Verifies signature, issuer, audience, `exp` and `iat` (both required; no older than the maximum
 * age) and that it is an ID token; 401 on any failure.
 */
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
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: settings.maxAgeSeconds,
    }));
  } catch {
    throw new UnauthorizedError(say('登录令牌无效或已过期，请重新登录', 'The bearer token is invalid or expired'));
  }
  // Cognito marks its tokens; an access token must not pass for an ID token. Other issuers do not
  // mark them, and their audience check (the client id) is what holds.
  if (payload.token_use !== undefined && payload.token_use !== 'id') {
    throw new UnauthorizedError(say('请使用工作人员登录所得的 ID 令牌', 'Use the ID token of the staff sign-in'));
  }
  return claimsToActor(payload, settings.claims);
};

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A claim by its (possibly dotted) name: the literal name first, as Cognito's names hold colons, not dots. */
const claim = (claims: JWTPayload, name: string): unknown =>
  name in claims
    ? claims[name]
    : name
        .split('.')
        .reduce<unknown>(
          (value, part) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined),
          claims,
        );

/** Maps ID-token claims to an Actor, with the claim names of the mapping. */
export const claimsToActor = (claims: JWTPayload, names: StaffClaimNames = COGNITO_CLAIMS): Actor => {
  const groupsClaim = claim(claims, names.groups);
  const groups = Array.isArray(groupsClaim) ? (groupsClaim as unknown[]) : [];
  const roles = groups.filter((g): g is Role => ROLES.includes(g as Role));
  const username = str(claims['cognito:username']) ?? str(claims.preferred_username) ?? str(claims.sub);
  if (!claims.sub || !username) throw new UnauthorizedError(say('令牌未载明用户', 'The token names no subject'));
  return {
    sub: claims.sub,
    username,
    name: str(claims.name) ?? username,
    roles,
    district: str(claim(claims, names.district)),
    department: str(claim(claims, names.department)),
    unit: str(claim(claims, names.unit)),
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
