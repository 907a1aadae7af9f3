/** A voter's votes of today (Asia/Shanghai) per category, with their status and the votes left. */
import { CATEGORIES, type Campaign, type Category } from '../campaigns/schema';
import { shanghaiDay } from './days';
import type { BallotState } from './tally-votes';

/** Today's ballots as the voter sees them: counted (or voided) receipts per candidate, candidates left per category. */
export const myVotes = async (
  campaign: Campaign,
  voterId: string,
  { ballots, now = () => new Date() }: { ballots(cid: string, voterId: string, day: string): Promise<Map<Category, BallotState>>; now?: () => Date },
) => {
  const day = shanghaiDay(now());
  const found = await ballots(campaign.id, voterId, day);
  const { candidatesPerCategoryPerDay, perCandidatePerDay } = campaign.config.voting;
  return {
    campaignId: campaign.id,
    day,
    limits: { candidatesPerCategoryPerDay, perCandidatePerDay },
    categories: Object.fromEntries(
      CATEGORIES.map((category) => {
        const ballot = found.get(category);
        const votes = [...(ballot?.receipts ?? [])].flatMap(([candidateId, receipts]) =>
          receipts.map((receiptId) => ({ candidateId, receiptId, status: ballot!.voided.has(receiptId) ? 'voided' : 'counted' })),
        );
        return [category, { votes, candidatesLeft: Math.max(0, candidatesPerCategoryPerDay - (ballot?.distinct ?? 0)) }];
      }),
    ),
  };
};
