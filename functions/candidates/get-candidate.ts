/** GET /campaigns/{cid}/candidates/{nid}: anyone, from `publicity` on; one candidate with photo URLs. */
import { getCandidate } from '../../shared/candidates/candidates';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { publicCacheHeaders } from '../../shared/http/public-cache';
import { httpRoute } from '../runtime/http';
import { candidateDeps, candidateUses } from './candidate-deps';

export const getCandidateRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/candidates/{nid}',
  auth: 'none',
  summary: 'One public candidate with photo URLs',
  uses: candidateUses,
  handle: (deps) => {
    const candidates = candidateDeps(deps);
    return async (event) =>
      json(
        200,
        await getCandidate(pathParam(event, 'cid'), pathParam(event, 'nid'), candidates),
        publicCacheHeaders(event),
      );
  },
});
