/**
 * GET /campaigns/{cid}/nominations: the nominations the caller may see, filtered by status,
 * category, district; a district user also gets its recommend quota.
 */
import { hasRole } from '../../shared/auth/actor';
import { ForbiddenError } from '../../shared/errors';
import { requireStaff } from '../../shared/http/identity';
import { parseQuery, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { JUDGES_USE_SCORESHEET } from '../../shared/nominations/access';
import { districtQuota, listNominations, listQuerySchema } from '../../shared/nominations/nominations';
import { campaigns, nominations } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

const LISTERS = ['admin', 'district', 'department', 'applicant'] as const;

export const listNominationsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/nominations',
  auth: 'staff',
  summary: 'Nominations the caller may see',
  uses: { nominations: nominations.read, campaigns: campaigns.read },
  handle: (deps) => async (event) => {
    const actor = requireStaff(event);
    // Authorise before validating: judges are refused (as listNominations would) before the query is read.
    if (!LISTERS.some((role) => hasRole(actor, role))) {
      throw new ForbiddenError(JUDGES_USE_SCORESHEET);
    }
    const cid = pathParam(event, 'cid');
    const list = await listNominations(cid, parseQuery(event, listQuerySchema), actor, deps);
    const quota = await districtQuota(cid, actor, deps);
    return json(200, { nominations: list, count: list.length, ...(quota ? { quota } : {}) });
  },
});
