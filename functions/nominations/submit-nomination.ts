/** POST /nominations/{nid}/submit: the owner submits to its department; 422 listing everything missing. */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { submitNomination } from '../../shared/nominations/nominations';
import { uploadSummary } from '../uploads/wiring';
import { nominationDeps } from './wiring';

// Only the steps that count verified uploads load the uploads concept.
const deps = { ...nominationDeps, uploads: uploadSummary };

export const handler = withHttp(async (event) => {
  const actor = requireStaff(event);
  return json(200, await submitNomination(pathParam(event, 'nid'), actor, deps));
});
