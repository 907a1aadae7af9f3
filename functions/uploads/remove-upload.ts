/** DELETE /nominations/{nid}/uploads/{uploadId}: removes an upload (its count released), by whoever may add its kind now. */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { removeUpload } from '../../shared/uploads/uploads';
import { uploadDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireStaff(event);
  return json(200, await removeUpload(pathParam(event, 'nid'), pathParam(event, 'uploadId'), actor, uploadDeps));
});
