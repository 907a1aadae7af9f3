/**
 * Gathers the facts stage preconditions look at: counts of the campaign's records by type and
 * status (nominations, objections, as their repositories write them), the campaign's vote backlog,
 * and what other concepts contribute (judging: missing scores; results: the newest results).
 */
import type { Campaign } from './schema';
import type { CampaignRepository } from './campaign-repository';
import type { StageFacts } from './stages';

export interface VotesBacklog {
  /**
   * The campaign's votes accepted and not yet counted (exact: shared/votes/backlog.ts), and its dead-lettered vote
   * requests kept for an admin (shared/votes/dead-votes.ts).
   */
  (campaignId: string): Promise<{ inFlight: number; deadLettered: number }>;
}

/** Extra facts a concept contributes (judging adds missing scores, results the newest results). */
export type FactsContributor = (campaign: Campaign) => Promise<Partial<StageFacts>>;

export const createStageFactsLoader =
  ({
    campaigns,
    votesBacklog,
    contributors = [],
  }: {
    campaigns: CampaignRepository;
    votesBacklog: VotesBacklog;
    contributors?: FactsContributor[];
  }) =>
  async (campaign: Campaign): Promise<StageFacts> => {
    const [counts, backlog, ...contributed] = await Promise.all([
      campaigns.countRecords(campaign.id),
      votesBacklog(campaign.id),
      ...contributors.map((contribute) => contribute(campaign)),
    ]);
    const count = (type: string, ...statuses: string[]) =>
      statuses.reduce((sum, s) => sum + (counts.get(`${type}:${s}`) ?? 0), 0);
    const facts: StageFacts = {
      forwarded: count('nomination', 'forwarded', 'approved', 'rejected', 'disqualified'),
      awaitingReview: count('nomination', 'forwarded'),
      candidates: count('nomination', 'approved'),
      openObjections: count('objection', 'open'),
      votesInFlight: backlog.inFlight,
      votesDeadLettered: backlog.deadLettered,
      missingScores: 0,
    };
    return Object.assign(facts, ...contributed);
  };
