/** POST /campaigns/{cid}/results/compute: an admin (re)computes the results in `scoring`; a new version each time, 409 RESULTS_BUSY while another run computes. */
import { computeResults } from '../../shared/results/results';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { resultsDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const snapshot = await computeResults(pathParam(event, 'cid'), actor, resultsDeps);
  return json(201, {
    version: snapshot.version,
    computedAt: snapshot.computedAt,
    recount: snapshot.recount,
    files: snapshot.files,
  });
});
