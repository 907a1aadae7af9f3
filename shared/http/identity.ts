/** Who is calling, from the event the gateway built. 401 for nobody, 403 for the wrong role. */
import { hasRole, type Actor, type Role } from '../auth/actor';
import { actorFromContext } from '../auth/staff-token';
import { ForbiddenError, say, UnauthorizedError } from '../errors';
import type { HttpEvent } from './with-http';

/** The staff member the authorizer verified; 401 when the route ran without one. */
export const requireStaff = (event: HttpEvent): Actor => {
  const actor = actorFromContext(event.requestContext?.authorizer);
  if (!actor) throw new UnauthorizedError();
  return actor;
};

/** The staff member, who must hold one of the roles (403 otherwise). */
export const requireRole = (event: HttpEvent, ...roles: Role[]): Actor => {
  const actor = requireStaff(event);
  if (!roles.some((role) => hasRole(actor, role))) {
    throw new ForbiddenError(
      say(`此操作需要以下角色之一：${roles.join('、')}`, `This needs the role ${roles.join(' or ')}`),
      { required: roles },
    );
  }
  return actor;
};

const bearer = (event: HttpEvent): string | undefined => {
  const header = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
};

/**
 * For public paths that show more to staff (tally, results): the staff member if a valid token
 * came along, undefined if none did, 401 if one came and does not verify.
 */
export const optionalStaff = async (
  event: HttpEvent,
  verify: (token: string) => Promise<Actor>,
): Promise<Actor | undefined> => {
  const fromAuthorizer = actorFromContext(event.requestContext?.authorizer);
  if (fromAuthorizer) return fromAuthorizer;
  const token = bearer(event);
  return token ? verify(token) : undefined;
};

export { bearer as bearerToken };
