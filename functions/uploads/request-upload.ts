/**
 * POST /nominations/{nid}/uploads: a presigned POST for one file (owner while editing; department for the endorsement
 * scan).
 */
import type { Actor } from '../../shared/auth/actor';
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { isItsDepartment, isOwner, WHO } from '../../shared/nominations/access';
import type { Nomination } from '../../shared/nominations/nomination';
import { uploadRequestSchema } from '../../shared/uploads/upload';
import { requestUpload } from '../../shared/uploads/uploads';
import { UPLOAD_URL_EXPIRY } from '../../shared/uploads/url-expiry';
import { authorizedStep } from '../nominations/steps';
import { campaigns, nominations, uploadStorage, uploads } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

/**
 * Files are added by the applicant that filed the nomination or its department (which kinds, requestUpload decides).
 */
const mayAddFiles = (actor: Actor, nomination: Nomination) =>
  isOwner(actor, nomination) || isItsDepartment(actor, nomination);

export const requestUploadRoute = httpRoute({
  method: 'POST',
  path: '/nominations/{nid}/uploads',
  auth: 'staff',
  summary: 'Presigned POST for one file of a nomination',
  uses: {
    campaigns: campaigns.read,
    nominations: nominations.read,
    uploads: uploads.write,
    storage: uploadStorage.presign,
  },
  handle: (deps) => {
    const uploadDeps = { ...deps, expiry: UPLOAD_URL_EXPIRY };
    return async (event) => {
      const actor = requireStaff(event);
      const nid = pathParam(event, 'nid');
      const nominations = await authorizedStep(deps.nominations, nid, actor, mayAddFiles, WHO.ownerOrDepartment);
      const request = parseBody(event, uploadRequestSchema, 4096);
      return json(201, await requestUpload(nid, request, actor, { ...uploadDeps, nominations }));
    };
  },
});
