/**
 * GET /campaigns/{cid}/exports/votes: a presigned link to the CSV of the counted votes (no voter data), written by the
 * results worker, for admins.
 */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { votesExportLink } from '../../shared/results/results';
import { resultFiles } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { resultsViewDeps, resultsViewUses } from './results-deps';

export const exportVotesRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/exports/votes',
  auth: 'staff',
  summary: 'Link to the CSV of the counted votes (anonymised)',
  uses: { ...resultsViewUses, resultFiles: resultFiles.read },
  handle: (adapters) => {
    const deps = { ...resultsViewDeps(adapters), files: adapters.resultFiles };
    return async (event) => {
      const actor = requireRole(event, 'admin');
      return json(200, await votesExportLink(pathParam(event, 'cid'), actor, deps));
    };
  },
});
