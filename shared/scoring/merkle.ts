/**
 * The Merkle tree of the published tally, so anyone can check that the list of counted votes is
 * the one the results were computed from, and a voter that their vote is in it.
 *
 * Encoding (SHA-256 throughout):
 * - record = UTF-8("<receiptId>|<candidateId>|<category>|<day>"), one per counted vote.
 * - receipt order: by request id (the 40 hex digits before the `-`), then by position (the number
 *   after it); the order the ledger is stored and read in, and the votes list is written in.
 * - bucket = the first 4 hex digits of the receipt id (65,536 buckets; request ids are uniform).
 * - leaf = SHA-256(0x00 || the records of one category and one bucket, in receipt order, joined
 *   with "\n"): a bucket holds a handful of a category's votes (about 8 a million), so a million
 *   votes take about 130,000 hashes, not a million.
 * - node = SHA-256(0x01 || child_1 || ... || child_k): a 16-ary tree over a category's leaves in
 *   ascending bucket order (empty buckets have no leaf); at each level the nodes are grouped 16 at
 *   a time, left to right; the last group may be smaller, and a group of one is carried up
 *   unchanged. The root of no leaves is SHA-256 of the empty string.
 * - a category's root is the tree over its leaves; the whole vote's root is the tree whose leaves
 *   are the category roots, in the alphabetical order of the category names (star, window),
 *   taken as they are (not re-hashed as leaves).
 *
 * A proof of inclusion gives the vote's leaf records (its bucket's, already public in the votes
 * list) and the path from that leaf to the root.
 */
import { createHash, hash } from 'node:crypto';

export const HASH_BYTES = 32;
export const EMPTY_ROOT = createHash('sha256').digest('hex');
export const BUCKET_DIGITS = 4;

export interface VoteLeaf {
  receiptId: string;
  candidateId: string;
  category: string;
  day: string;
}

/** A vote's record, as hashed into its leaf and published in the votes list. */
export const voteRecord = (vote: VoteLeaf): string =>
  `${vote.receiptId}|${vote.candidateId}|${vote.category}|${vote.day}`;

/**
 * Receipt order (negative, 0, positive): by request id, then by position. Receipt ids of one length compare as
 * strings; the position's digits differ in number only within one request.
 */
export const compareReceiptIds = (a: string, b: string): number => {
  if (a.length === b.length) return a < b ? -1 : a > b ? 1 : 0;
  const request = a.slice(0, 40);
  const other = b.slice(0, 40);
  return request < other ? -1 : request > other ? 1 : a.length - b.length;
};

/** The bucket a receipt id falls in (its first 4 hex digits, 0-65535). */
export const bucketOf = (receiptId: string): number => Number.parseInt(receiptId.slice(0, BUCKET_DIGITS), 16);

/** The hex prefix of the receipt ids (and request ids) of a bucket. */
export const bucketPrefix = (bucket: number): string => bucket.toString(16).padStart(BUCKET_DIGITS, '0');

/** The leaf hash of one bucket's records of one category, given in receipt order. */
export const leafHash = (records: readonly string[]): Buffer =>
  hash('sha256', `\0${records.join('\n')}`, 'buffer') as unknown as Buffer;

export const ARITY = 16;
const scratch = Buffer.alloc(1 + ARITY * HASH_BYTES, 1);

/** The hash of an inner node over its packed children (2 to 16 of them). */
const groupHash = (children: Buffer): Buffer => {
  children.copy(scratch, 1);
  return hash('sha256', scratch.subarray(0, 1 + children.length), 'buffer') as unknown as Buffer;
};

const count = (packed: Buffer) => packed.length / HASH_BYTES;
const nodeAt = (packed: Buffer, i: number) => packed.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES);

/** The next level up of packed nodes: groups of 16 hashed left to right, a group of one carried up. */
const levelUp = (packed: Buffer): Buffer => {
  const n = count(packed);
  const up = Buffer.allocUnsafe(Math.ceil(n / ARITY) * HASH_BYTES);
  for (let g = 0; g < n; g += ARITY) {
    const group = packed.subarray(g * HASH_BYTES, Math.min(g + ARITY, n) * HASH_BYTES);
    (group.length === HASH_BYTES ? group : groupHash(group)).copy(up, (g / ARITY) * HASH_BYTES);
  }
  return up;
};

/** The root over packed nodes already in tree order (hex); the empty root for none. */
export const rootOf = (packed: Buffer): string => {
  if (packed.length === 0) return EMPTY_ROOT;
  let current = packed;
  while (count(current) > 1) current = levelUp(current);
  return current.toString('hex');
};

export interface ProofStep {
  /** The node's siblings in its group, left of it and right of it (hex), in order. */
  before: string[];
  after: string[];
}

/** The path from one node to the root: at each level, its group's other members; a group of one adds no step. */
export const proofPath = (packed: Buffer, index: number): ProofStep[] => {
  const steps: ProofStep[] = [];
  let current = packed;
  let i = index;
  while (count(current) > 1) {
    const start = i - (i % ARITY);
    const end = Math.min(start + ARITY, count(current));
    const hex = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => nodeAt(current, from + k).toString('hex'));
    if (end - start > 1) steps.push({ before: hex(start, i), after: hex(i + 1, end) });
    current = levelUp(current);
    i = Math.floor(i / ARITY);
  }
  return steps;
};

/** Folds a proof path from a node up to the root it proves (hex). */
export const applyProof = (start: Buffer, steps: ProofStep[]): string =>
  steps
    .reduce(
      (node, step) =>
        groupHash(
          Buffer.concat([
            ...step.before.map((h) => Buffer.from(h, 'hex')),
            node,
            ...step.after.map((h) => Buffer.from(h, 'hex')),
          ]),
        ),
      start,
    )
    .toString('hex');

/** The whole vote's root from the category roots (categories sorted by name). */
export const wholeRoot = (categoryRoots: Record<string, string>): string =>
  rootOf(
    Buffer.concat(
      Object.keys(categoryRoots)
        .sort()
        .map((category) => Buffer.from(categoryRoots[category]!, 'hex')),
    ),
  );

/**
 * A category's leaves as stored for proofs: the n leaves' bucket numbers (16-bit big-endian, ascending), then
 * their n hashes packed in the same order.
 */
export const packLeaves = (buckets: readonly number[], hashes: Buffer): Buffer => {
  const head = Buffer.allocUnsafe(buckets.length * 2);
  for (const [i, bucket] of buckets.entries()) head.writeUInt16BE(bucket, i * 2);
  return Buffer.concat([head, hashes]);
};

/** The packed leaf hashes of stored leaves (tree order). */
export const leafHashesOf = (stored: Buffer): Buffer => stored.subarray((stored.length / (HASH_BYTES + 2)) * 2);

/** The index of a bucket's leaf among stored leaves (binary search), or -1 when the bucket has none. */
export const findBucket = (stored: Buffer, bucket: number): number => {
  let low = 0;
  let high = stored.length / (HASH_BYTES + 2) - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = stored.readUInt16BE(mid * 2);
    if (at === bucket) return mid;
    if (at < bucket) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
};

/**
 * A category's leaves built from its votes in receipt order: the open bucket's records are kept
 * until a vote of a later bucket closes it (at most a bucket's records at once, however many votes).
 */
export const createLeafBuilder = () => {
  const buckets: number[] = [];
  // At most one leaf per bucket: the hashes go into one buffer, not an object each.
  const hashes = Buffer.allocUnsafe(HASH_BYTES * 16 ** BUCKET_DIGITS);
  /** The open bucket's hex digits (none before the first vote). */
  let open: string | undefined;
  let records: string[] = [];
  const close = () => {
    if (open === undefined) return;
    hashes.set(leafHash(records), buckets.length * HASH_BYTES);
    buckets.push(Number.parseInt(open, 16));
    records = [];
  };
  return {
    /** Adds a vote; votes must come in receipt order (the counter checks it). */
    add(vote: VoteLeaf): void {
      if (open === undefined || !vote.receiptId.startsWith(open)) {
        close();
        open = vote.receiptId.slice(0, BUCKET_DIGITS);
      }
      records.push(voteRecord(vote));
    },
    /** The leaf hashes packed in tree order, and the leaves as stored for proofs. */
    finish(): { hashes: Buffer; stored: Buffer } {
      close();
      open = undefined;
      const packed = hashes.subarray(0, buckets.length * HASH_BYTES);
      return { hashes: packed, stored: packLeaves(buckets, packed) };
    },
  };
};
