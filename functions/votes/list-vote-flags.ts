/** GET /campaigns/{cid}/vote-flags: suspicious vote clusters with the rule and the evidence (admin; voter hashes shortened, no phone numbers). */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { flagEvidence } from '../../shared/votes/flags';
import { campaigns, flags } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const campaign = await getCampaign(pathParam(event, 'cid'), { campaigns }, actor);
  const list = await flags.listFlags(campaign.id);
  return json(200, { flags: await Promise.all(list.map((flag) => flagEvidence(flag, flags))) });
});
