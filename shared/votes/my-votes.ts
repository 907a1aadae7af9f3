/**
 * A voter's own receipts of today (Asia/Shanghai) per category, whatever their status, and the
 * candidates left per category (GET /campaigns/{cid}/votes/mine). The vote path records each request
 * in the voter's own partition before queueing it (so a receipt is listed from the moment it is
 * handed out); the status comes from the vote ledger, as for GET /receipts/{id}: a request the
 * consumer has not decided yet is `queued`.
 */
import { CATEGORIES, type Campaign, type Category } from '../campaigns/schema';
import { shanghaiDay } from './days';
import type { VoteStatus } from './tally-votes';

/** One vote request as the voter was handed it: its receipts, before any status. */
export interface VoterRequest {
  requestId: string;
  acceptedAt: string;
  receipts: Array<{ receiptId: string; candidateId: string; category: Category }>;
}

export interface MyVotesDeps {
  /** The voter's requests of one Shanghai day, oldest first. */
  voterRequests(campaignId: string, voterId: string, day: string): Promise<VoterRequest[]>;
  /** Each decided receipt's status by receipt id, for these requests (the ledger); absent while queued. */
  decidedStatuses(campaignId: string, requestIds: string[]): Promise<Map<string, VoteStatus>>;
  now?: () => Date;
}

export type MyVoteStatus = VoteStatus | 'queued';

/** Statuses that hold one of the day's candidate places: counted, voided (a void frees no place), and queued (it may still count). */
const HOLDS_A_PLACE: ReadonlySet<MyVoteStatus> = new Set(['counted', 'voided', 'queued']);

/** Today's receipts of this voter only, each with its status, and per category the candidates left (queued votes held back). */
export const myVotes = async (campaign: Campaign, voterId: string, { voterRequests, decidedStatuses, now = () => new Date() }: MyVotesDeps) => {
  const day = shanghaiDay(now());
  const requests = await voterRequests(campaign.id, voterId, day);
  const statuses = requests.length > 0 ? await decidedStatuses(campaign.id, requests.map((r) => r.requestId)) : new Map<string, VoteStatus>();
  const votes = requests.flatMap((request) =>
    request.receipts.map((r) => ({ ...r, acceptedAt: request.acceptedAt, status: (statuses.get(r.receiptId) ?? 'queued') as MyVoteStatus })),
  );
  const { candidatesPerCategoryPerDay, perCandidatePerDay } = campaign.config.voting;
  return {
    campaignId: campaign.id,
    day,
    limits: { candidatesPerCategoryPerDay, perCandidatePerDay },
    categories: Object.fromEntries(
      CATEGORIES.map((category) => {
        const mine = votes.filter((v) => v.category === category);
        const placed = new Set(mine.filter((v) => HOLDS_A_PLACE.has(v.status)).map((v) => v.candidateId));
        return [
          category,
          {
            votes: mine.map(({ receiptId, candidateId, status, acceptedAt }) => ({ receiptId, candidateId, status, acceptedAt })),
            candidatesLeft: Math.max(0, candidatesPerCategoryPerDay - placed.size),
          },
        ];
      }),
    ),
  };
};
