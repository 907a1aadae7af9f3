/**
 * Who may see and change a nomination (SPEC.md "Who uses it", "Personal data"): the applicant that
 * filed it, its supervising department, its district, and admins. Judges and the public see
 * candidates only through the candidate list and the scoresheet, never through these paths.
 * Callers turn "may not read" into a 404, so an id that is not yours reveals nothing.
 */
import { hasRole, type Actor } from '../auth/actor';
import { type Bilingual, ForbiddenError, NotFoundError, say } from '../errors';
import type { Nomination } from './nomination';

/** Who may take a step, as a refusal names them (`此事项只能由…办理` / `Only … may do this`). */
export const WHO = {
  owner: say('填报该申报的单位', 'the applicant that filed it'),
  department: say('其主管部门', 'its supervising department'),
  district: say('其所在县（市、区）', 'its district'),
  office: say('评选活动办公室（管理员）', 'the office (admin)'),
  ownerOrDepartment: say('填报该申报的单位或其主管部门', 'the applicant that filed it or its supervising department'),
};

/** 403 for a step that is not the caller's to take. */
export const onlyBy = (who: Bilingual): ForbiddenError =>
  new ForbiddenError(say(`此事项只能由${who.zh}办理`, `Only ${who.en} may do this`));

/** Judges see candidates only through the scoresheet (403 on the nomination paths). */
export const JUDGES_USE_SCORESHEET = say(
  '评审专家请通过评分表查看候选对象，不能在此查看',
  'Judges see candidates through the scoresheet, not here',
);

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
  if (!nomination || !canRead(actor, nomination))
    throw new NotFoundError(say(`没有申报 ${nid}`, `No nomination ${nid}`));
  return nomination;
};
