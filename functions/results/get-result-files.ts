/** GET /campaigns/{cid}/results/files: links to the published results.json, votes.jsonl and overrides.json (republished by the clock tick; this route only reads), visible as the results are. */
import { publishedFileLinks } from '../../shared/results/results';
import { optionalStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { resultsDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = await optionalStaff(event);
  return json(200, await publishedFileLinks(pathParam(event, 'cid'), actor, resultsDeps));
});
