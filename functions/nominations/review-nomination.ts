/** POST /nominations/{nid}/review: an admin approves or rejects a forwarded nomination with a reason, in review. */
import { type Actor, hasRole } from '../../shared/auth/actor';
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { WHO } from '../../shared/nominations/access';
import { reviewNomination, reviewRequestSchema } from '../../shared/nominations/nominations';
import { campaigns, nominations } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { authorizedStep } from './steps';

const isAdmin = (actor: Actor) => hasRole(actor, 'admin');

export const reviewNominationRoute = httpRoute({
  method: 'POST',
  path: '/nominations/{nid}/review',
  auth: 'staff',
  summary: 'Admin approves or rejects',
  uses: { nominations: nominations.write, campaigns: campaigns.read },
  handle: (deps) => async (event) => {
    const actor = requireStaff(event);
    const nid = pathParam(event, 'nid');
    const nominations = await authorizedStep(deps.nominations, nid, actor, isAdmin, WHO.office);
    const request = parseBody(event, reviewRequestSchema);
    return json(200, await reviewNomination(nid, request, actor, { ...deps, nominations }));
  },
});
