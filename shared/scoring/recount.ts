/**
 * The recount at close: one pass over the stored counted votes, in whatever order they come,
 * keeping only a counter per candidate and the 32-byte leaf hash of each vote in one growing
 * buffer per category (no object per vote), then the Merkle roots (see merkle.ts).
 */
import { CATEGORIES, type Category } from '../campaigns/schema';
import { HASH_BYTES, rootOf, sortHashes, wholeRoot, writeLeafHash } from './merkle';

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
  /** The sorted packed leaf hashes (32 bytes each), for proofs of inclusion. */
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

class LeafBuffer {
  private buffer = Buffer.allocUnsafe(HASH_BYTES * 1024);
  private length = 0;
  push(vote: CountedVote) {
    if (this.length + HASH_BYTES > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    writeLeafHash(vote, this.buffer, this.length);
    this.length += HASH_BYTES;
  }
  sorted(): Buffer {
    return sortHashes(this.buffer.subarray(0, this.length));
  }
}

/** Counts votes one at a time; `finish` sorts the leaves and computes every root. */
export const createTallyCounter = () => {
  const votes = new Map<string, number>();
  const leaves = Object.fromEntries(CATEGORIES.map((c) => [c, new LeafBuffer()])) as Record<Category, LeafBuffer>;
  const perCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  let total = 0;
  return {
    add(vote: CountedVote): void {
      const bucket = leaves[vote.category];
      if (!bucket) throw new Error(`A counted vote names an unknown category: ${vote.category}`);
      votes.set(vote.candidateId, (votes.get(vote.candidateId) ?? 0) + 1);
      bucket.push(vote);
      perCategory[vote.category] += 1;
      total += 1;
    },
    finish(): Tally {
      const categories = Object.fromEntries(
        CATEGORIES.map((c) => {
          const sorted = leaves[c].sorted();
          return [c, { votes: perCategory[c], root: rootOf(sorted), leaves: sorted }];
        }),
      ) as Record<Category, CategoryTally>;
      const root = wholeRoot(Object.fromEntries(CATEGORIES.map((c) => [c, categories[c].root])));
      return { votes, categories, root, total };
    },
  };
};

/** Recounts a stream of counted votes; `onVote` sees each (to write the published list in the same pass). */
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
