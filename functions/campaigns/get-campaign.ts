/** GET /campaigns/{cid}: the public view (stage, timeline, rules, configuration hash); admins also get the configuration. */
import { getCampaign, publicCampaignView } from '../../shared/campaigns/campaigns';
import { optionalStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { campaigns } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = await optionalStaff(event);
  const campaign = await getCampaign(pathParam(event, 'cid'), { campaigns }, actor);
  const isAdmin = actor?.roles.includes('admin') ?? false;
  return json(200, {
    ...publicCampaignView(campaign),
    ...(isAdmin ? { config: campaign.config, version: campaign.version } : {}),
  });
});
