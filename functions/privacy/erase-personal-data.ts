/** POST /nominations/{nid}/personal-data/erasure: an admin deletes a nominee's personal fields and uploads on request (audited). */
import * as z from 'zod';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { eraseOnRequest } from '../../shared/privacy/privacy';
import { erasureDeps } from './wiring';

const bodySchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const { reason } = parseBody(event, bodySchema);
  return json(200, await eraseOnRequest(pathParam(event, 'nid'), reason, actor, erasureDeps));
});
