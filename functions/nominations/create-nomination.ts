/** POST /campaigns/{cid}/nominations: an applicant drafts a nomination for its own district. */
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { createNomination, createRequestSchema } from '../../shared/nominations/nominations';
import { nominationDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'applicant');
  const cid = pathParam(event, 'cid');
  return json(201, await createNomination(cid, parseBody(event, createRequestSchema), actor, nominationDeps));
});
