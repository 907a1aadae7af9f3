/** GET /campaigns/{cid}/exports/votes: the published list of counted votes (no voter data), as CSV for admins. */
import { loadResults } from '../../shared/results/results';
import { votesCsv } from '../../shared/results/exports';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { files, resultsDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const cid = pathParam(event, 'cid');
  const { snapshot } = await loadResults(cid, actor, resultsDeps);
  const csv = await votesCsv(await files.stream(snapshot.files.votes));
  return text(200, csv, 'text/csv; charset=utf-8', {
    'content-disposition': `attachment; filename="votes-${cid}.csv"`,
  });
});
