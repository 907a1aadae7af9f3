/** GET /campaigns/{cid}/results/compute: the newest results computation request and its progress (admins). */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { computationStatus } from '../../shared/results/results';
import { campaigns, results } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const getComputationRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/results/compute',
  auth: 'staff',
  summary: 'The newest results computation request and its progress',
  uses: { campaigns: campaigns.read, results: results.read },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    return json(200, await computationStatus(pathParam(event, 'cid'), actor, deps));
  },
});
