/**
 * GET /campaigns/{cid}/vote-flags: suspicious vote clusters with the rule and the evidence (admin; voter hashes
 * shortened, no phone numbers).
 */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { flagEvidence } from '../../shared/votes/flags';
import { campaigns, flags } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const listVoteFlagsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/vote-flags',
  auth: 'staff',
  summary: 'Suspicious vote clusters (admin)',
  uses: { campaigns: campaigns.read, flags: flags.read },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
    const list = await deps.flags.listFlags(campaign.id);
    return json(200, { flags: await Promise.all(list.map((flag) => flagEvidence(flag, deps.flags))) });
  },
});
