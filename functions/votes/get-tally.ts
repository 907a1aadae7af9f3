/** GET /campaigns/{cid}/tally: votes per candidate, as the campaign's `liveCounts` allows the caller to see them. */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { optionalStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { readTally } from '../../shared/votes/tally';
import { cachedCandidates, campaigns, votes } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = await optionalStaff(event);
  const campaign = await getCampaign(pathParam(event, 'cid'), { campaigns }, actor);
  return json(200, await readTally(campaign, actor, { candidates: cachedCandidates, counters: votes.counters }));
});
