/** GET /campaigns/{cid}/transitions: the dry run, the next move with every precondition checked. */
import { dryRunTransitions } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { transitionDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  return json(200, await dryRunTransitions(pathParam(event, 'cid'), transitionDeps(), actor));
});
