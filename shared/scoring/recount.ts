/**
 * The recount at close: one pass over the stored counted votes in receipt order (the ledger's
 * order, see merkle.ts), keeping only a counter per candidate and, per category, the leaves of
 * the buckets closed so far (34 bytes a bucket) and the records of the open one; then the Merkle
 * roots. Memory stays flat in the number of votes.
 */
import { CATEGORIES, type Category } from '../campaigns/schema';
import { compareReceiptIds, createLeafBuilder, rootOf, wholeRoot } from './merkle';

/** One counted vote as published: no voter data. */
export interface CountedVote {
  receiptId: string;
  candidateId: string;
  category: Category;
  /** The voting day (Asia/Shanghai), `YYYY-MM-DD`. */
  day: string;
}

export interface CategoryTally {
  votes: number;
  /** Hex Merkle root of the category's votes. */
  root: string;
  /** The leaves as stored for proofs of inclusion (their buckets, then their hashes: merkle.ts `packLeaves`). */
  leaves: Buffer;
}

export interface Tally {
  /** Valid votes per candidate id. */
  votes: Map<string, number>;
  categories: Record<Category, CategoryTally>;
  /** Hex Merkle root of the whole vote (over the category roots). */
  root: string;
  total: number;
}

/**
 * Counts votes one at a time, in receipt order (a vote out of that order, or twice, is refused with an error and
 * changes nothing); `finish` closes the last buckets and computes every root. Receipt ids are taken as valid: the
 * ledger holds only those, and the published list's reader checks each (document.ts `votesLineSchema`).
 */
export const createTallyCounter = () => {
  const votes = new Map<string, number>();
  const leaves = Object.fromEntries(CATEGORIES.map((c) => [c, createLeafBuilder()])) as Record<
    Category,
    ReturnType<typeof createLeafBuilder>
  >;
  const perCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  let total = 0;
  let last = '';
  return {
    add(vote: CountedVote): void {
      const builder = leaves[vote.category];
      if (!builder) throw new Error(`A counted vote names an unknown category: ${vote.category}`);
      if (total > 0 && compareReceiptIds(vote.receiptId, last) <= 0)
        throw new Error(`Votes out of receipt order: ${vote.receiptId} after ${last}`);
      last = vote.receiptId;
      votes.set(vote.candidateId, (votes.get(vote.candidateId) ?? 0) + 1);
      builder.add(vote);
      perCategory[vote.category] += 1;
      total += 1;
    },
    finish(): Tally {
      const categories = Object.fromEntries(
        CATEGORIES.map((c) => {
          const { hashes, stored } = leaves[c].finish();
          return [c, { votes: perCategory[c], root: rootOf(hashes), leaves: stored }];
        }),
      ) as Record<Category, CategoryTally>;
      const root = wholeRoot(Object.fromEntries(CATEGORIES.map((c) => [c, categories[c].root])));
      return { votes, categories, root, total };
    },
  };
};

/** Recounts a stream of counted votes in receipt order; `onVote` sees each (to write the published list in the same pass). */
export const recountVotes = async (
  votes: AsyncIterable<CountedVote> | Iterable<CountedVote>,
  onVote?: (vote: CountedVote) => void | Promise<void>,
): Promise<Tally> => {
  const counter = createTallyCounter();
  for await (const vote of votes) {
    counter.add(vote);
    if (onVote) await onVote(vote);
  }
  return counter.finish();
};
