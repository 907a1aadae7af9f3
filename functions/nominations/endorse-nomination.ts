/** POST /nominations/{nid}/endorse: its department endorses (with the stamped scan) or returns it, with an opinion. */
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { endorseNomination, endorseRequestSchema } from '../../shared/nominations/nominations';
import { uploadSummary } from '../uploads/wiring';
import { nominationDeps } from './wiring';

// Only the steps that count verified uploads load the uploads concept.
const deps = { ...nominationDeps, uploads: uploadSummary };

export const handler = withHttp(async (event) => {
  const actor = requireStaff(event);
  const nid = pathParam(event, 'nid');
  return json(200, await endorseNomination(nid, parseBody(event, endorseRequestSchema), actor, deps));
});
