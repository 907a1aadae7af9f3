/**
 * GET /campaigns/{cid}: the public view (stage, timeline, rules, configuration hash); admins also get the
 * configuration.
 */
import { hasRole } from '../../shared/auth/actor';
import { getCampaign, publicCampaignView } from '../../shared/campaigns/campaigns';
import { optionalStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { publicCacheHeaders } from '../../shared/http/public-cache';
import { campaigns, staffTokens } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const getCampaignRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}',
  auth: 'none',
  summary: 'Public view of one campaign',
  uses: { campaigns: campaigns.read, staffTokens: staffTokens.verify },
  handle: (deps) => async (event) => {
    const actor = await optionalStaff(event, deps.staffTokens);
    const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
    const isAdmin = actor ? hasRole(actor, 'admin') : false;
    return json(
      200,
      {
        ...publicCampaignView(campaign),
        ...(isAdmin ? { config: campaign.config, version: campaign.version } : {}),
      },
      publicCacheHeaders(event),
    );
  },
});
