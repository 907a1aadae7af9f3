/**
 * A voter's own decided receipts of today (Asia/Shanghai) per category (counted, duplicate,
 * over_limit, voided), and the candidates left per category (GET /campaigns/{cid}/votes/mine).
 * The voter's requests of the day are those their ballots name (a receipt id holds its request id:
 * every request with a counted vote, voided ones included) and those the consumer recorded in the
 * voter's own partition (the requests with no counted vote, which no ballot names); each is listed
 * from its ledger item, so a request still in the queue is NOT listed, and `candidatesLeft` does not
 * hold places for it: the voter keeps the receipts of the 202, and GET /receipts/{id} answers
 * `queued` for them. The status comes from the vote ledger, as for GET /receipts/{id}.
 */
import { CATEGORIES, type Campaign, type Category } from '../campaigns/schema';
import type { BallotState } from './ballots';
import type { LedgerKey, LedgerRequest } from './counter-lanes';
import { shanghaiDay } from './days';
import type { VoteStatus } from './tally-votes';
import { parseReceiptId } from './vote-message';

export interface MyVotesDeps {
  /** The voter's ballots of one Shanghai day, by category. */
  ballots(campaignId: string, voterId: string, day: string): Promise<Map<Category, BallotState>>;
  /** The request ids the consumer recorded for the voter on one Shanghai day: those with no counted vote. */
  voterRequests(campaignId: string, voterId: string, day: string): Promise<string[]>;
  /** The ledger items of these requests that exist (the consumer has counted them). */
  ledgerItems(keys: LedgerKey[]): Promise<LedgerRequest[]>;
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
  { ballots, voterRequests, ledgerItems, now = () => new Date() }: MyVotesDeps,
) => {
  const day = shanghaiDay(now());
  const [onBallots, recorded] = await Promise.all([
    ballots(campaign.id, voterId, day),
    voterRequests(campaign.id, voterId, day),
  ]);
  const requestIds = new Set(recorded);
  for (const ballot of onBallots.values())
    for (const receipts of ballot.receipts.values())
      for (const receiptId of receipts) {
        const parsed = parseReceiptId(receiptId);
        if (parsed) requestIds.add(parsed.requestId);
      }
  // A request without a ledger item is not listed: still queued.
  const requests =
    requestIds.size > 0
      ? await ledgerItems([...requestIds].map((requestId) => ({ campaignId: campaign.id, requestId })))
      : [];
  requests.sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt) || a.requestId.localeCompare(b.requestId));
  const votes = requests.flatMap((request) => request.receipts.map((r) => ({ ...r, acceptedAt: request.acceptedAt })));
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
