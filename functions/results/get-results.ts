/** GET /campaigns/{cid}/results: admins from scoring, anyone from announcement: every figure, the method, the roots, the overrides. */
import { viewResults } from '../../shared/results/results';
import { optionalStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { resultsDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = await optionalStaff(event);
  return json(200, await viewResults(pathParam(event, 'cid'), actor, resultsDeps));
});
