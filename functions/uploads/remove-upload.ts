/**
 * DELETE /nominations/{nid}/uploads/{uploadId}: removes an upload (its count released), by whoever may add its kind
 * now.
 */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { removeUpload } from '../../shared/uploads/uploads';
import { UPLOAD_URL_EXPIRY } from '../../shared/uploads/url-expiry';
import { campaigns, nominations, uploadStorage, uploads } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const removeUploadRoute = httpRoute({
  method: 'DELETE',
  path: '/nominations/{nid}/uploads/{uploadId}',
  auth: 'staff',
  summary: 'Remove an upload (to replace it)',
  uses: {
    campaigns: campaigns.read,
    nominations: nominations.read,
    uploads: uploads.write,
    storage: uploadStorage.remove,
  },
  handle: (deps) => {
    const uploadDeps = { ...deps, expiry: UPLOAD_URL_EXPIRY };
    return async (event) => {
      const actor = requireStaff(event);
      return json(200, await removeUpload(pathParam(event, 'nid'), pathParam(event, 'uploadId'), actor, uploadDeps));
    };
  },
});
