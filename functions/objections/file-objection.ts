/** POST /campaigns/{cid}/candidates/{nid}/objections: anyone, in `publicity` or `announcement`; rate-limited per IP and per phone. */
import { parseBody, pathParam, sourceIp } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { objectionRequestSchema } from '../../shared/objections/objection';
import { fileObjection } from '../../shared/objections/objections';
import { objectionDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const cid = pathParam(event, 'cid');
  const nid = pathParam(event, 'nid');
  const request = parseBody(event, objectionRequestSchema, 16 * 1024);
  return json(201, await fileObjection(cid, nid, request, sourceIp(event), objectionDeps));
});
