/** POST /campaigns/{cid}/nominations: an applicant drafts a nomination for its own district. */
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { createNomination, createRequestSchema } from '../../shared/nominations/nominations';
import { campaigns, nominations } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const createNominationRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/nominations',
  auth: 'staff',
  summary: 'Draft a nomination',
  uses: { nominations: nominations.write, campaigns: campaigns.read },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'applicant');
    const cid = pathParam(event, 'cid');
    return json(201, await createNomination(cid, parseBody(event, createRequestSchema), actor, deps));
  },
});
