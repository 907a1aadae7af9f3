/** GET /campaigns: the public view of every non-draft campaign (admins see drafts too). */
import { listCampaigns, publicCampaignView } from '../../shared/campaigns/campaigns';
import { optionalStaff } from '../../shared/http/identity';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { campaigns } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = await optionalStaff(event);
  const list = await listCampaigns({ campaigns }, actor);
  return json(200, { campaigns: list.map(publicCampaignView) });
});
