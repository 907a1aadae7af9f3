/** POST /nominations/{nid}/review: an admin approves or rejects a forwarded nomination with a reason, in review. */
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { reviewNomination, reviewRequestSchema } from '../../shared/nominations/nominations';
import { nominationDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireStaff(event);
  const nid = pathParam(event, 'nid');
  return json(200, await reviewNomination(nid, parseBody(event, reviewRequestSchema), actor, nominationDeps));
});
