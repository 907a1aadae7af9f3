/** GET /campaigns/{cid}/audit: the audit trail, newest first, paged with `limit` and `cursor`. */
import * as z from '../../shared/zod';
import { getCampaign } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { parseQuery, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { audit, campaigns } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

const querySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

export const listAuditRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/audit',
  auth: 'staff',
  summary: 'Audit trail',
  uses: { campaigns: campaigns.read, audit: audit.read },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
    const { limit, cursor } = parseQuery(event, querySchema);
    return json(200, await deps.audit.list(campaign.id, { limit, cursor }));
  },
});
