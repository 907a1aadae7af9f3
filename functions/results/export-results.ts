/**
 * GET /campaigns/{cid}/exports/results: the results per category with every figure and the awards, as CSV for admins.
 */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { resultsCsv } from '../../shared/results/exports';
import { loadResults } from '../../shared/results/results';
import { httpRoute } from '../runtime/http';
import { resultsViewDeps, resultsViewUses } from './results-deps';

export const exportResultsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/exports/results',
  auth: 'staff',
  summary: 'CSV of the results',
  uses: resultsViewUses,
  handle: (adapters) => {
    const deps = resultsViewDeps(adapters);
    return async (event) => {
      const actor = requireRole(event, 'admin');
      const cid = pathParam(event, 'cid');
      const csv = resultsCsv(await loadResults(cid, actor, deps));
      return text(200, csv, 'text/csv; charset=utf-8', {
        'content-disposition': `attachment; filename="results-${cid}.csv"`,
      });
    };
  },
});
