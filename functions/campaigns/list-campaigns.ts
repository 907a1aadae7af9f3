/** GET /campaigns: the public view of every non-draft campaign (admins see drafts too). */
import { listCampaigns, publicCampaignView } from '../../shared/campaigns/campaigns';
import { optionalStaff } from '../../shared/http/identity';
import { json } from '../../shared/http/responses';
import { publicCacheHeaders } from '../../shared/http/public-cache';
import { campaigns, staffTokens } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const listCampaignsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns',
  auth: 'none',
  summary: 'Public view of campaigns',
  uses: { campaigns: campaigns.read, staffTokens: staffTokens.verify },
  handle: (deps) => async (event) => {
    const actor = await optionalStaff(event, deps.staffTokens);
    const list = await listCampaigns(deps, actor);
    return json(200, { campaigns: list.map(publicCampaignView) }, publicCacheHeaders(event));
  },
});
