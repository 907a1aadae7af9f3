/**
 * The votes function: the voter's own votes, the tally, flags, voids and dead-lettered votes (casting and receipts are functions of their
 * own).
 */
import { serveRoutes } from '../runtime/http';
import { getTallyRoute } from './get-tally';
import { listDeadVotesRoute } from './list-dead-votes';
import { listMyVotesRoute } from './list-my-votes';
import { listVoteFlagsRoute } from './list-vote-flags';
import { listVoteVoidsRoute } from './list-vote-voids';
import { retryDeadVotesRoute } from './retry-dead-votes';
import { voidVotesRoute } from './void-votes';

export const voteRoutes = [
  listMyVotesRoute,
  listVoteFlagsRoute,
  voidVotesRoute,
  listVoteVoidsRoute,
  getTallyRoute,
  listDeadVotesRoute,
  retryDeadVotesRoute,
];

export const handler = serveRoutes(voteRoutes);
