/** GET /nominations/{nid}: the nomination with its status history, for its owner, department, district and admins. */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { getNomination } from '../../shared/nominations/nominations';
import { nominationDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireStaff(event);
  return json(200, await getNomination(pathParam(event, 'nid'), actor, nominationDeps));
});
