/**
 * GET /campaigns/{cid}/results/files: links to the published results.json, votes.jsonl and overrides.json (republished
 * by the clock tick; this route only reads), visible as the results are.
 */
import { optionalStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { publishedFileLinks } from '../../shared/results/results';
import { resultFiles, staffTokens } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { resultsViewDeps, resultsViewUses } from './results-deps';

export const getResultFilesRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/results/files',
  auth: 'none',
  summary: 'Links to the published results, votes list and overrides',
  uses: { ...resultsViewUses, resultFiles: resultFiles.read, staffTokens: staffTokens.verify },
  handle: (adapters) => {
    const deps = { ...resultsViewDeps(adapters), files: adapters.resultFiles };
    return async (event) => {
      const actor = await optionalStaff(event, adapters.staffTokens);
      return json(200, await publishedFileLinks(pathParam(event, 'cid'), actor, deps));
    };
  },
});
