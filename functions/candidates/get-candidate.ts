/** GET /campaigns/{cid}/candidates/{nid}: anyone, from `publicity` on; one candidate with photo URLs. */
import { getCandidate } from '../../shared/candidates/candidates';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { candidateDeps } from './wiring';

export const handler = withHttp(async (event) =>
  json(200, await getCandidate(pathParam(event, 'cid'), pathParam(event, 'nid'), candidateDeps)),
);
