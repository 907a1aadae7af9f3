/**
 * GET /campaigns/{cid}/vote-voids: the public ledger of voided votes (what, why, when; counts before and after only
 * where the tally is visible to the caller).
 */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { optionalStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { publicCacheHeaders } from '../../shared/http/public-cache';
import { voidLedgerFor } from '../../shared/votes/voids';
import { campaigns, staffTokens, voids } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const listVoteVoidsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/vote-voids',
  auth: 'none',
  summary: 'Public ledger of voided votes',
  uses: { campaigns: campaigns.read, voids: voids.read, staffTokens: staffTokens.verify },
  handle: (deps) => async (event) => {
    const actor = await optionalStaff(event, deps.staffTokens);
    const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
    return json(
      200,
      { voids: voidLedgerFor(campaign, actor, await deps.voids.list(campaign.id)) },
      publicCacheHeaders(event),
    );
  },
});
