/** GET /campaigns/{cid}/judging-progress: for admins, per judge and per candidate, what is missing. */
import { judgingProgress } from '../../shared/judging/judging';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { judgingDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  return json(200, await judgingProgress(pathParam(event, 'cid'), actor, judgingDeps));
});
