/**
 * GET /campaigns/{cid}/results: admins from scoring, anyone from announcement: every figure, the method, the roots, the
 * overrides.
 */
import { optionalStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { publicCacheHeaders } from '../../shared/http/public-cache';
import { viewResults } from '../../shared/results/results';
import { staffTokens } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { resultsViewDeps, resultsViewUses } from './results-deps';

export const getResultsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/results',
  auth: 'none',
  summary: 'Results: admins from scoring, anyone from announcement',
  uses: { ...resultsViewUses, staffTokens: staffTokens.verify },
  handle: (adapters) => {
    const deps = resultsViewDeps(adapters);
    return async (event) => {
      const actor = await optionalStaff(event, adapters.staffTokens);
      return json(200, await viewResults(pathParam(event, 'cid'), actor, deps), publicCacheHeaders(event));
    };
  },
});
