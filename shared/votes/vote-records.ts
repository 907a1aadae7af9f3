/**
 * The port the scoring and results concepts read votes through (they recount at close and publish
 * an anonymised list with Merkle proofs). No voter data crosses it: a vote is its receipt, its
 * candidate and category, and its Shanghai day.
 *
 *   const records = createVoteRecords({ tableName: config.tableName });
 *   for await (const vote of records.counted(cid)) ...   // every vote that counts now
 *   for await (const vote of records.voided(cid)) ...    // every vote an admin voided, with the void
 *   await records.receipt(receiptId)                      // status of one receipt, or undefined
 *
 * Read them once the campaign's backlog is 0 (`StageFacts.votesInFlight === 0`, which the move to
 * `announcement` requires): until then a vote still in the queue is in neither list. Both lists
 * come in receipt order (request id, then position); each vote appears once. The sum of `counted` per candidate
 * equals the live counters (GET /campaigns/{cid}/tally) once drained.
 */
import type { Category } from '../campaigns/schema';
import type { VoteStatus } from './tally-votes';
import { compareReceiptIds } from '../scoring/merkle';
import { parseReceiptId } from './vote-message';
import type { VoteRepository } from './vote-repository';

export interface CountedVote {
  receiptId: string;
  candidateId: string;
  category: Category;
  /** The voting day (Asia/Shanghai), `YYYY-MM-DD`. */
  day: string;
}

export interface VoidedVote extends CountedVote {
  /** The void (GET /campaigns/{cid}/vote-voids lists it with its reason). */
  voidId: string;
}

export interface ReceiptRecord {
  receiptId: string;
  /** `queued` until the consumer has decided it (then campaign, candidate and day are known). */
  status: VoteStatus | 'queued';
  campaignId?: string;
  candidateId?: string;
  category?: Category;
  day?: string;
}

export interface VoteRecords {
  /** Every counted vote of the campaign (or those whose receipt id starts with the prefix), in receipt order. */
  counted(campaignId: string, receiptIdPrefix?: string): AsyncIterable<CountedVote>;
  voided(campaignId: string): AsyncIterable<VoidedVote>;
  /** A receipt's status; undefined for an id this system never issued. */
  receipt(receiptId: string): Promise<ReceiptRecord | undefined>;
}

/**
 * The counted votes in the ledger, in receipt order (merkle.ts): the ledger comes in request id order, and a
 * request's receipts are taken by position. A prefix of a receipt id is one of its request id.
 */
export async function* countedVotes(
  votes: Pick<VoteRepository, 'ledgerRequests'>,
  campaignId: string,
  receiptIdPrefix?: string,
): AsyncGenerator<CountedVote> {
  for await (const request of votes.ledgerRequests(campaignId, receiptIdPrefix)) {
    const receipts =
      request.receipts.length > 1
        ? [...request.receipts].sort((a, b) => compareReceiptIds(a.receiptId, b.receiptId))
        : request.receipts;
    for (const r of receipts) {
      if (r.status === 'counted')
        yield { receiptId: r.receiptId, candidateId: r.candidateId, category: r.category, day: request.day };
    }
  }
}

/**
 * The records over the vote ledger; `isOwnRequestId` tells a queued receipt from a made-up one, and
 * `votingCampaigns` lists the campaigns a receipt may belong to (those that opened voting: a
 * receipt does not name its campaign, and the ledger is keyed by campaign).
 */
export const createVoteRecords = ({
  votes,
  isOwnRequestId,
  votingCampaigns = async () => [],
}: {
  votes: VoteRepository;
  isOwnRequestId: (requestId: string) => boolean;
  votingCampaigns?: () => Promise<string[]>;
}): VoteRecords => ({
  counted: (campaignId, receiptIdPrefix) => countedVotes(votes, campaignId, receiptIdPrefix),

  async *voided(campaignId) {
    for await (const request of votes.ledgerRequests(campaignId)) {
      for (const r of request.receipts) {
        if (r.status === 'voided')
          yield {
            receiptId: r.receiptId,
            candidateId: r.candidateId,
            category: r.category,
            day: request.day,
            voidId: r.voidId ?? '',
          };
      }
    }
  },

  async receipt(receiptId) {
    const parsed = parseReceiptId(receiptId);
    if (!parsed || !isOwnRequestId(parsed.requestId)) return undefined;
    const found = await Promise.all(
      (await votingCampaigns()).map((campaignId) => votes.ledgerRequest(campaignId, parsed.requestId)),
    );
    const request = found.find((r) => r !== undefined);
    if (!request) return { receiptId, status: 'queued' };
    const receipt = request.receipts.find((r) => r.receiptId === receiptId);
    if (!receipt) return undefined;
    return {
      receiptId,
      status: receipt.status,
      campaignId: request.campaignId,
      candidateId: receipt.candidateId,
      category: receipt.category,
      day: request.day,
    };
  },
});
