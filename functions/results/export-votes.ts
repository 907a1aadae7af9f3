/** GET /campaigns/{cid}/exports/votes: the published list of counted votes (no voter data), as CSV for admins. */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { votesCsv } from '../../shared/results/exports';
import { loadResults } from '../../shared/results/results';
import { resultFiles } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { resultsViewDeps, resultsViewUses } from './results-deps';

export const exportVotesRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/exports/votes',
  auth: 'staff',
  summary: 'CSV of the counted votes (anonymised)',
  uses: { ...resultsViewUses, resultFiles: resultFiles.read },
  handle: (adapters) => {
    const deps = resultsViewDeps(adapters);
    return async (event) => {
      const actor = requireRole(event, 'admin');
      const cid = pathParam(event, 'cid');
      const { snapshot } = await loadResults(cid, actor, deps);
      const csv = await votesCsv(await adapters.resultFiles.stream(snapshot.files.votes));
      return text(200, csv, 'text/csv; charset=utf-8', {
        'content-disposition': `attachment; filename="votes-${cid}.csv"`,
      });
    };
  },
});
