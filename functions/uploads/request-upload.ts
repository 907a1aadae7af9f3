/** POST /nominations/{nid}/uploads: a presigned POST for one file (owner while editing; department for the endorsement scan). */
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { uploadRequestSchema } from '../../shared/uploads/upload';
import { requestUpload } from '../../shared/uploads/uploads';
import { uploadDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireStaff(event);
  const request = parseBody(event, uploadRequestSchema, 4096);
  return json(201, await requestUpload(pathParam(event, 'nid'), request, actor, uploadDeps));
});
