/**
 * GET /campaigns/{cid}/results/list: the announced winners, newspaper-ready, as an A4 print page or CSV; anyone, from
 * `announcement` on (as the results); no personal data.
 */
import { parseQuery, pathParam } from '../../shared/http/request';
import { resultsList } from '../../shared/publications/lists';
import { loadResults } from '../../shared/results/results';
import { resultsViewDeps, resultsViewUses } from '../results/results-deps';
import { httpRoute } from '../runtime/http';
import { listQuerySchema, listResponse } from './list-format';

export const listResultsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/results/list',
  auth: 'none',
  summary: 'Newspaper-ready list of the announced winners, print page or CSV',
  uses: resultsViewUses,
  handle: (adapters) => {
    const deps = resultsViewDeps(adapters);
    return async (event) => {
      const { format } = parseQuery(event, listQuerySchema);
      const cid = pathParam(event, 'cid');
      // Public: the results as everyone sees them (from announcement), whoever calls.
      const state = await loadResults(cid, undefined, deps);
      return listResponse(resultsList(state, await deps.candidates(cid)), format);
    };
  },
});
