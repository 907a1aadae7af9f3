/** POST /campaigns/{cid}/copy: an admin starts next year's campaign as a draft with this one's configuration. */
import { copyCampaign, copyRequestSchema } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { campaigns } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const copyCampaignRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/copy',
  auth: 'staff',
  summary: "Copy a campaign's configuration into a new draft",
  uses: { campaigns: campaigns.write },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const request = parseBody(event, copyRequestSchema);
    return json(201, await copyCampaign(pathParam(event, 'cid'), request, actor, deps));
  },
});
