/** GET /campaigns/{cid}/votes/mine: the voter's own decided receipts of today (counted, duplicate, over_limit, voided; queued ones are not listed), and the candidates left per category. */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { myVotes } from '../../shared/votes/my-votes';
import { requireVoter } from '../voters/wiring';
import { campaigns, votes } from './wiring';

export const handler = withHttp(async (event) => {
  const now = new Date();
  const voter = await requireVoter(event, now);
  const campaign = await getCampaign(pathParam(event, 'cid'), { campaigns });
  return json(
    200,
    await myVotes(campaign, voter.voterId, {
      voterRequests: votes.voterRequests,
      decidedStatuses: votes.decidedStatuses,
      now: () => now,
    }),
  );
});
