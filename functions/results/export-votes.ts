/** GET /campaigns/{cid}/exports/votes: a presigned link to the CSV of the counted votes (no voter data), written by the results worker, for admins. */
import { votesExportLink } from '../../shared/results/results';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { resultsDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  return json(200, await votesExportLink(pathParam(event, 'cid'), actor, resultsDeps));
});
