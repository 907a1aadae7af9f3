/** PATCH /nominations/{nid}: the owner edits the sector, form fields or attached activity reports while draft or returned. */
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { isOwner, WHO } from '../../shared/nominations/access';
import { updateNomination, updateRequestSchema } from '../../shared/nominations/nominations';
import { activityReports, campaigns, nominations } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { authorizedStep } from './steps';

export const updateNominationRoute = httpRoute({
  method: 'PATCH',
  path: '/nominations/{nid}',
  auth: 'staff',
  summary: 'Edit a draft or returned nomination',
  uses: { nominations: nominations.write, campaigns: campaigns.read, reports: activityReports.read },
  handle: (deps) => async (event) => {
    const actor = requireStaff(event);
    const nid = pathParam(event, 'nid');
    const nominations = await authorizedStep(deps.nominations, nid, actor, isOwner, WHO.owner);
    const patch = parseBody(event, updateRequestSchema);
    return json(200, await updateNomination(nid, patch, actor, { ...deps, nominations }));
  },
});
