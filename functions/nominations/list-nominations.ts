/** GET /campaigns/{cid}/nominations: the nominations the caller may see, filtered by status, category, district; a district user also gets its recommend quota. */
import { requireStaff } from '../../shared/http/identity';
import { parseQuery, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { districtQuota, listNominations, listQuerySchema } from '../../shared/nominations/nominations';
import { nominationDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireStaff(event);
  const cid = pathParam(event, 'cid');
  const list = await listNominations(cid, parseQuery(event, listQuerySchema), actor, nominationDeps);
  const quota = await districtQuota(cid, actor, nominationDeps);
  return json(200, { nominations: list, count: list.length, ...(quota ? { quota } : {}) });
});
