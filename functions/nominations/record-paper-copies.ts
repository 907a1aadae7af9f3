/** POST /nominations/{nid}/paper-copies: an admin records the signed paper copies that arrived (how many, when). */
import { type Actor, hasRole } from '../../shared/auth/actor';
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { WHO } from '../../shared/nominations/access';
import { paperCopiesRequestSchema, recordPaperCopies } from '../../shared/nominations/nominations';
import { campaigns, nominations } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { authorizedStep } from './steps';

const isAdmin = (actor: Actor) => hasRole(actor, 'admin');

export const recordPaperCopiesRoute = httpRoute({
  method: 'POST',
  path: '/nominations/{nid}/paper-copies',
  auth: 'staff',
  summary: 'Admin records the paper copies received',
  uses: { nominations: nominations.write, campaigns: campaigns.read },
  handle: (deps) => async (event) => {
    const actor = requireStaff(event);
    const nid = pathParam(event, 'nid');
    const nominations = await authorizedStep(deps.nominations, nid, actor, isAdmin, WHO.office);
    const request = parseBody(event, paperCopiesRequestSchema);
    return json(200, await recordPaperCopies(nid, request, actor, { ...deps, nominations }));
  },
});
