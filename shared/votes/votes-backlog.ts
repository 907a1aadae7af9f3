/**
 * What holds up a campaign's close, from the table: its counted votes accepted and not yet counted (exact, backlog.ts)
 * and its dead-lettered vote requests (dead-votes.ts). Another campaign's votes or dead letters never count here.
 */
import type { VotesBacklog } from '../campaigns/stage-facts';
import type { DeadVoteStore } from './dead-votes';

export const createVotesBacklog =
  ({
    votes,
    deadVotes,
  }: {
    votes: { uncounted(campaignId: string): Promise<number> };
    deadVotes: Pick<DeadVoteStore, 'count'>;
  }): VotesBacklog =>
  async (campaignId) => {
    const [inFlight, deadLettered] = await Promise.all([votes.uncounted(campaignId), deadVotes.count(campaignId)]);
    return { inFlight, deadLettered };
  };
