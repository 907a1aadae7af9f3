/** GET /campaigns/{cid}/vote-voids: the public ledger of voided votes (what, why, when; counts before and after only where the tally is visible to the caller). */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { optionalStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { voidLedgerFor } from '../../shared/votes/voids';
import { campaigns, voids } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = await optionalStaff(event);
  const campaign = await getCampaign(pathParam(event, 'cid'), { campaigns }, actor);
  return json(200, { voids: voidLedgerFor(campaign, actor, await voids.list(campaign.id)) });
});
