/** POST /campaigns/{cid}/results/compute: an admin (re)computes the results in `scoring`; a new version each time, 409 RESULTS_BUSY while another run computes. */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { computeResults } from '../../shared/results/results';
import { httpRoute } from '../runtime/http';
import { computeResultsUses, resultsDeps } from './results-deps';

export const computeResultsNowRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/results/compute',
  auth: 'staff',
  summary: '(Re)compute the results in scoring',
  uses: computeResultsUses,
  handle: (adapters) => {
    const deps = resultsDeps(adapters);
    return async (event) => {
      const actor = requireRole(event, 'admin');
      const snapshot = await computeResults(pathParam(event, 'cid'), actor, deps);
      return json(201, {
        version: snapshot.version,
        computedAt: snapshot.computedAt,
        recount: snapshot.recount,
        files: snapshot.files,
      });
    };
  },
});
