/** GET /campaigns/{cid}/vote-voids: the public ledger of voided votes (what, why, counts before and after). */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { campaigns, voids } from './wiring';

export const handler = withHttp(async (event) => {
  const campaign = await getCampaign(pathParam(event, 'cid'), { campaigns });
  return json(200, { voids: await voids.list(campaign.id) });
});
