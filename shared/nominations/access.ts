/**
 * Who may see and change a nomination (SPEC.md "Who uses it", "Personal data"): the applicant that
 * filed it, its supervising department, its district, and admins. Judges and the public see
 * candidates only through the candidate list and the scoresheet, never through these paths.
 * Callers turn "may not read" into a 404, so an id that is not yours reveals nothing.
 */
import { hasRole, type Actor } from '../auth/actor';
import { NotFoundError } from '../errors';
import type { Nomination } from './nomination';

/** The applicant account that filed the nomination. */
export const isOwner = (actor: Actor, nomination: Nomination): boolean =>
  hasRole(actor, 'applicant') && actor.username === nomination.owner;

/** The department that endorses it (actor.department === nomination.department). */
export const isItsDepartment = (actor: Actor, nomination: Nomination): boolean =>
  hasRole(actor, 'department') && actor.department !== undefined && actor.department === nomination.department;

/** The district that forwards it (actor.district === nomination.district). */
export const isItsDistrict = (actor: Actor, nomination: Nomination): boolean =>
  hasRole(actor, 'district') && actor.district !== undefined && actor.district === nomination.district;

/** Read access, personal data included: owner, its department, its district, admins. */
export const canRead = (actor: Actor, nomination: Nomination): boolean =>
  hasRole(actor, 'admin') ||
  isOwner(actor, nomination) ||
  isItsDepartment(actor, nomination) ||
  isItsDistrict(actor, nomination);

/** The nomination if the actor may read it; a 404 otherwise (never the data, never whether it exists). */
export const readableOr404 = (actor: Actor, nid: string, nomination: Nomination | undefined): Nomination => {
  if (!nomination || !canRead(actor, nomination)) throw new NotFoundError(`No nomination ${nid}`);
  return nomination;
};
