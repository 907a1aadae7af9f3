/** POST /nominations/{nid}/forward: its district forwards it to the office, within the recommend quota. */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { forwardNomination } from '../../shared/nominations/nominations';
import { campaigns, nominations } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const forwardNominationRoute = httpRoute({
  method: 'POST',
  path: '/nominations/{nid}/forward',
  auth: 'staff',
  summary: 'District forwards within quota',
  uses: { nominations: nominations.write, campaigns: campaigns.read },
  handle: (deps) => async (event) => {
    const actor = requireStaff(event);
    return json(200, await forwardNomination(pathParam(event, 'nid'), actor, deps));
  },
});
