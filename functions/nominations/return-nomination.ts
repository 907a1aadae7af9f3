/** POST /nominations/{nid}/return: its district sends an endorsed nomination back to the department, with the reason. */
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { isItsDistrict, WHO } from '../../shared/nominations/access';
import { districtReturnRequestSchema, returnToDepartment } from '../../shared/nominations/nominations';
import { campaigns, nominations } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { authorizedStep } from './steps';

export const returnNominationRoute = httpRoute({
  method: 'POST',
  path: '/nominations/{nid}/return',
  auth: 'staff',
  summary: 'District returns to the department',
  uses: { nominations: nominations.write, campaigns: campaigns.read },
  handle: (deps) => async (event) => {
    const actor = requireStaff(event);
    const nid = pathParam(event, 'nid');
    const nominations = await authorizedStep(deps.nominations, nid, actor, isItsDistrict, WHO.district);
    const request = parseBody(event, districtReturnRequestSchema);
    return json(200, await returnToDepartment(nid, request, actor, { ...deps, nominations }));
  },
});
