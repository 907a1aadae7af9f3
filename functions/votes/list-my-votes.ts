/**
 * GET /campaigns/{cid}/votes/mine: the voter's own decided receipts of today (counted, duplicate, over_limit, voided;
 * queued ones are not listed), and the candidates left per category.
 */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { myVotes } from '../../shared/votes/my-votes';
import { campaigns, voterKeys, voters, votes } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { requireVoter } from '../voters/voter-auth';

export const listMyVotesRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/votes/mine',
  auth: 'voter',
  summary: "The voter's decided votes of today and the votes left",
  uses: { campaigns: campaigns.read, votes: votes.read, voterKeys: voterKeys.read, voters: voters.read },
  handle: (deps) => async (event) => {
    const now = new Date();
    const voter = await requireVoter(event, now, deps);
    const campaign = await getCampaign(pathParam(event, 'cid'), deps);
    return json(
      200,
      await myVotes(campaign, voter.voterId, {
        ballots: deps.votes.ballots,
        voterRequests: deps.votes.voterRequests,
        ledgerItems: deps.votes.ledgerItems,
        now: () => now,
      }),
    );
  },
});
