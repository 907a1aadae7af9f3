/**
 * A voter's own decided receipts of today (Asia/Shanghai) per category (counted, duplicate,
 * over_limit, voided), and the candidates left per category (GET /campaigns/{cid}/votes/mine).
 * The consumer records each request in the voter's own partition when it decides it (the vote path
 * writes nothing, issue 4), so a request still in the queue is NOT listed, and `candidatesLeft`
 * does not hold places for it: the voter keeps the receipts of the 202, and GET /receipts/{id}
 * answers `queued` for them. The status comes from the vote ledger, as for GET /receipts/{id}.
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
  /** The voter's decided requests of one Shanghai day, oldest first. */
  voterRequests(campaignId: string, voterId: string, day: string): Promise<VoterRequest[]>;
  /** Each decided receipt's status by receipt id, for these requests (the ledger). */
  decidedStatuses(campaignId: string, requestIds: string[]): Promise<Map<string, VoteStatus>>;
  now?: () => Date;
}

/** Statuses that hold one of the day's candidate places: counted, and voided (a void frees no place). */
const HOLDS_A_PLACE: ReadonlySet<VoteStatus> = new Set(['counted', 'voided']);

/** Said in every answer: queued votes are missing from the list and from `candidatesLeft`. */
export const QUEUED_NOT_LISTED = 'votes still in the queue appear once counted; follow their receipts';

/**
 * Today's decided receipts of this voter only, each with its status, and per category the candidates left as stored.
 */
export const myVotes = async (
  campaign: Campaign,
  voterId: string,
  { voterRequests, decidedStatuses, now = () => new Date() }: MyVotesDeps,
) => {
  const day = shanghaiDay(now());
  const requests = await voterRequests(campaign.id, voterId, day);
  const statuses =
    requests.length > 0
      ? await decidedStatuses(
          campaign.id,
          requests.map((r) => r.requestId),
        )
      : new Map<string, VoteStatus>();
  // A receipt without a ledger status is skipped: the consumer's batch write has not landed whole yet.
  const votes = requests.flatMap((request) =>
    request.receipts.flatMap((r) => {
      const status = statuses.get(r.receiptId);
      return status ? [{ ...r, acceptedAt: request.acceptedAt, status }] : [];
    }),
  );
  const { candidatesPerCategoryPerDay, perCandidatePerDay } = campaign.config.voting;
  return {
    campaignId: campaign.id,
    day,
    limits: { candidatesPerCategoryPerDay, perCandidatePerDay },
    queuedNotListed: QUEUED_NOT_LISTED,
    categories: Object.fromEntries(
      CATEGORIES.map((category) => {
        const mine = votes.filter((v) => v.category === category);
        const placed = new Set(mine.filter((v) => HOLDS_A_PLACE.has(v.status)).map((v) => v.candidateId));
        return [
          category,
          {
            votes: mine.map(({ receiptId, candidateId, status, acceptedAt }) => ({
              receiptId,
              candidateId,
              status,
              acceptedAt,
            })),
            candidatesLeft: Math.max(0, candidatesPerCategoryPerDay - placed.size),
          },
        ];
      }),
    ),
  };
};
