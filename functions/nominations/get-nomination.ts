/** GET /nominations/{nid}: the nomination with its status history, for its owner, department, district and admins. */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { getNomination } from '../../shared/nominations/nominations';
import { nominations } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const getNominationRoute = httpRoute({
  method: 'GET',
  path: '/nominations/{nid}',
  auth: 'staff',
  summary: 'One nomination with its status history',
  uses: { nominations: nominations.read },
  handle: (deps) => async (event) => {
    const actor = requireStaff(event);
    return json(200, await getNomination(pathParam(event, 'nid'), actor, deps));
  },
});
