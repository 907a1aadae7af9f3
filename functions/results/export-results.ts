/** GET /campaigns/{cid}/exports/results: the results per category with every figure and the awards, as CSV for admins. */
import { loadResults } from '../../shared/results/results';
import { resultsCsv } from '../../shared/results/exports';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { resultsDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const cid = pathParam(event, 'cid');
  const csv = resultsCsv(await loadResults(cid, actor, resultsDeps));
  return text(200, csv, 'text/csv; charset=utf-8', {
    'content-disposition': `attachment; filename="results-${cid}.csv"`,
  });
});
