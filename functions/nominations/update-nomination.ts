/** PATCH /nominations/{nid}: the owner edits the sector or form fields while draft or returned. */
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { updateNomination, updateRequestSchema } from '../../shared/nominations/nominations';
import { nominationDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireStaff(event);
  const nid = pathParam(event, 'nid');
  return json(200, await updateNomination(nid, parseBody(event, updateRequestSchema), actor, nominationDeps));
});
