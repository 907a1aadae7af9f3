/**
 * POST /campaigns/{cid}/dead-votes/retry: sends each of the campaign's dead-lettered vote requests to the votes queue
 * again (admin). Idempotent by receipt: the consumer counts a request once however often it arrives.
 */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { retryDeadVotes } from '../../shared/votes/dead-votes';
import { campaigns, deadVotes, voteQueue } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const retryDeadVotesRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/dead-votes/retry',
  auth: 'staff',
  summary: "Send the campaign's dead-lettered votes to be counted again (admin)",
  uses: { campaigns: campaigns.read, deadVotes: deadVotes.write, voteQueue: voteQueue.send },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
    return json(200, await retryDeadVotes(campaign.id, { deadVotes: deps.deadVotes, send: deps.voteQueue }));
  },
});
