/** POST /campaigns: an admin creates a campaign in `draft` with its whole configuration. */
import { createCampaign } from '../../shared/campaigns/campaigns';
import { campaignConfigSchema } from '../../shared/campaigns/schema';
import { requireRole } from '../../shared/http/identity';
import { parseBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { campaigns } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const createCampaignRoute = httpRoute({
  method: 'POST',
  path: '/campaigns',
  auth: 'staff',
  summary: 'Create a campaign in draft',
  uses: { campaigns: campaigns.write },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const config = parseBody(event, campaignConfigSchema);
    return json(201, await createCampaign(config, actor, deps));
  },
});
