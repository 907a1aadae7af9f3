/** GET /campaigns/{cid}/results/compute: the newest results computation request and its progress (admins). */
import { computationStatus } from '../../shared/results/results';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { resultsDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  return json(200, await computationStatus(pathParam(event, 'cid'), actor, resultsDeps));
});
