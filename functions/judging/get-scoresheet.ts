/** GET /campaigns/{cid}/scoresheet: the judge's candidates, the criteria and the judge's own scores so far. */
import { scoresheet } from '../../shared/judging/judging';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { judgingDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'judge');
  return json(200, await scoresheet(pathParam(event, 'cid'), actor, judgingDeps));
});
