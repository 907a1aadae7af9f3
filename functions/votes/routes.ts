/**
 * The votes function: the voter's own votes, the tally, flags and voids (casting and receipts are functions of their
 * own).
 */
import { serveRoutes } from '../runtime/http';
import { getTallyRoute } from './get-tally';
import { listMyVotesRoute } from './list-my-votes';
import { listVoteFlagsRoute } from './list-vote-flags';
import { listVoteVoidsRoute } from './list-vote-voids';
import { voidVotesRoute } from './void-votes';

export const voteRoutes = [listMyVotesRoute, listVoteFlagsRoute, voidVotesRoute, listVoteVoidsRoute, getTallyRoute];

export const handler = serveRoutes(voteRoutes);
