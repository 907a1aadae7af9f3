/** POST /nominations/{nid}/endorse: its department endorses (with the stamped scan) or returns it, with an opinion. */
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { isItsDepartment, WHO } from '../../shared/nominations/access';
import { endorseNomination, endorseRequestSchema } from '../../shared/nominations/nominations';
import { httpRoute } from '../runtime/http';
import { authorizedStep, uploadStepDeps, uploadStepUses } from './steps';

export const endorseNominationRoute = httpRoute({
  method: 'POST',
  path: '/nominations/{nid}/endorse',
  auth: 'staff',
  summary: 'Department endorses or returns',
  uses: uploadStepUses,
  handle: (deps) => {
    const steps = uploadStepDeps(deps);
    return async (event) => {
      const actor = requireStaff(event);
      const nid = pathParam(event, 'nid');
      const nominations = await authorizedStep(steps.nominations, nid, actor, isItsDepartment, WHO.department);
      const request = parseBody(event, endorseRequestSchema);
      return json(200, await endorseNomination(nid, request, actor, { ...steps, nominations }));
    };
  },
});
