/** POST /nominations/{nid}/submit: the owner submits to its department; 422 listing everything missing. */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { submitNomination } from '../../shared/nominations/nominations';
import { httpRoute } from '../runtime/http';
import { uploadStepDeps, uploadStepUses } from './steps';

export const submitNominationRoute = httpRoute({
  method: 'POST',
  path: '/nominations/{nid}/submit',
  auth: 'staff',
  summary: 'Submit to the department',
  uses: uploadStepUses,
  handle: (deps) => {
    const steps = uploadStepDeps(deps);
    return async (event) => {
      const actor = requireStaff(event);
      return json(200, await submitNomination(pathParam(event, 'nid'), actor, steps));
    };
  },
});
