/** GET /nominations/{nid}/uploads: each upload with its verification result, verified ones with a short-lived URL. */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { listUploads } from '../../shared/uploads/uploads';
import { UPLOAD_URL_EXPIRY } from '../../shared/uploads/url-expiry';
import { campaigns, nominations, uploadStorage, uploads } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const listUploadsRoute = httpRoute({
  method: 'GET',
  path: '/nominations/{nid}/uploads',
  auth: 'staff',
  summary: 'Uploads of a nomination with their verification results',
  uses: {
    campaigns: campaigns.read,
    nominations: nominations.read,
    uploads: uploads.read,
    storage: uploadStorage.read,
  },
  handle: (deps) => {
    const uploadDeps = { ...deps, expiry: UPLOAD_URL_EXPIRY };
    return async (event) => {
      const actor = requireStaff(event);
      const nid = pathParam(event, 'nid');
      return json(200, { nominationId: nid, uploads: await listUploads(nid, actor, uploadDeps) });
    };
  },
});
