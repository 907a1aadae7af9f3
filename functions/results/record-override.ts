/** POST /campaigns/{cid}/results/overrides: an admin overrides an award in announcement, with a reason. */
import * as z from 'zod';
import { recordOverride } from '../../shared/results/results';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { resultsDeps } from './wiring';

const bodySchema = z.strictObject({
  nominationId: z.string().min(1).max(100),
  awarded: z.boolean(),
  reason: z.string().trim().min(1).max(500),
});

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  return json(201, await recordOverride(pathParam(event, 'cid'), parseBody(event, bodySchema), actor, resultsDeps));
});
