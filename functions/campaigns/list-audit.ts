/** GET /campaigns/{cid}/audit: the audit trail, newest first, paged with `limit` and `cursor`. */
import * as z from 'zod';
import { getCampaign } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { parseQuery, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { audit, campaigns } from './wiring';

const querySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const campaign = await getCampaign(pathParam(event, 'cid'), { campaigns }, actor);
  const { limit, cursor } = parseQuery(event, querySchema);
  return json(200, await audit.list(campaign.id, { limit, cursor }));
});
