/** GET /nominations/{nid}/uploads: each upload with its verification result, verified ones with a short-lived URL. */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { listUploads } from '../../shared/uploads/uploads';
import { uploadDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireStaff(event);
  const nid = pathParam(event, 'nid');
  return json(200, { nominationId: nid, uploads: await listUploads(nid, actor, uploadDeps) });
});
