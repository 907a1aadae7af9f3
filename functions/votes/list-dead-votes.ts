/**
 * GET /campaigns/{cid}/dead-votes: the campaign's dead-lettered vote requests, kept until an admin retries them (admin;
 * receipts and statuses, no voter, address or device).
 */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { deadVoteView } from '../../shared/votes/dead-votes';
import { campaigns, deadVotes } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const listDeadVotesRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/dead-votes',
  auth: 'staff',
  summary: 'Dead-lettered vote requests of the campaign; they hold up the close (admin)',
  uses: { campaigns: campaigns.read, deadVotes: deadVotes.read },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
    const dead = await deps.deadVotes.list(campaign.id);
    return json(200, { count: dead.length, deadVotes: dead.map(deadVoteView) });
  },
});
