/**
 * POST /nominations/{nid}/personal-data/erasure: an admin deletes a nominee's personal fields and uploads on request
 * (audited).
 */
import * as z from '../../shared/zod';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { eraseOnRequest } from '../../shared/privacy/privacy';
import { campaigns, nominations, uploads, uploadStorage } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

const bodySchema = z.strictObject({ reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) });

/** What erasing a nominee's personal data uses (the request route and the clock tick). */
export const erasureUses = {
  nominations: nominations.write,
  campaigns: campaigns.read,
  uploads: uploads.write,
  storage: uploadStorage.remove,
};

export const erasePersonalDataRoute = httpRoute({
  method: 'POST',
  path: '/nominations/{nid}/personal-data/erasure',
  auth: 'staff',
  summary: "Delete a nominee's personal fields and uploads on request (admin, audited)",
  uses: erasureUses,
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const { reason } = parseBody(event, bodySchema);
    return json(200, await eraseOnRequest(pathParam(event, 'nid'), reason, actor, deps));
  },
});
