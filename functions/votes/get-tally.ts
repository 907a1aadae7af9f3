/** GET /campaigns/{cid}/tally: votes per candidate, as the campaign's `liveCounts` allows the caller to see them. */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { optionalStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { publicCacheHeaders } from '../../shared/http/public-cache';
import { readTally } from '../../shared/votes/tally';
import { campaigns, nominations, staffTokens, votes } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { cachedCandidatesOf } from './candidates-cache';

export const getTallyRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/tally',
  auth: 'none',
  summary: 'Votes per candidate, as liveCounts allows',
  uses: {
    campaigns: campaigns.read,
    nominations: nominations.read,
    votes: votes.read,
    staffTokens: staffTokens.verify,
  },
  handle: (deps) => {
    const tallyDeps = { candidates: cachedCandidatesOf(deps.nominations), counters: deps.votes.counters };
    return async (event) => {
      const actor = await optionalStaff(event, deps.staffTokens);
      const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
      return json(200, await readTally(campaign, actor, tallyDeps), publicCacheHeaders(event));
    };
  },
});
