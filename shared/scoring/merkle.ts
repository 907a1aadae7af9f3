/**
 * The Merkle tree of the published tally, so anyone can check that the list of counted votes is
 * the one the results were computed from, and a voter that their vote is in it.
 *
 * Encoding (SHA-256 throughout):
 * - leaf  = SHA-256(0x00 || UTF-8("<receiptId>|<candidateId>|<category>|<day>"))
 * - node  = SHA-256(0x01 || child_1 || ... || child_k): a 16-ary tree; at each level the nodes are
 *   grouped 16 at a time, left to right; the last group may be smaller, and a group of one is
 *   carried up unchanged. (Wide nodes: a million votes need 67,000 node hashes, not a million.)
 * - order: the leaves of a tree are sorted ascending by their 32 bytes (so the file order does
 *   not matter). The root of no leaves is SHA-256 of the empty string.
 * - a category's root is the tree over its votes; the whole vote's root is the tree whose leaves
 *   are the category roots, in the alphabetical order of the category names (star, window),
 *   taken as they are (not re-hashed as leaves, not sorted).
 */
import { createHash, hash } from 'node:crypto';

export const HASH_BYTES = 32;
export const EMPTY_ROOT = createHash('sha256').digest('hex');

export interface VoteLeaf {
  receiptId: string;
  candidateId: string;
  category: string;
  day: string;
}

/**
 * Writes the leaf hash of one counted vote (encoding above) at `out[offset]`: the string goes to the hash as it is
 * (UTF-8, the 0x00 as its first character).
 */
export const writeLeafHash = (vote: VoteLeaf, out: Uint8Array, offset: number): void => {
  out.set(
    hash(
      'sha256',
      `\0${vote.receiptId}|${vote.candidateId}|${vote.category}|${vote.day}`,
      'buffer',
    ) as unknown as Buffer,
    offset,
  );
};

/** The leaf hash of one counted vote (encoding above). */
export const leafHash = (vote: VoteLeaf): Buffer => {
  const out = Buffer.allocUnsafe(HASH_BYTES);
  writeLeafHash(vote, out, 0);
  return out;
};

export const ARITY = 16;
const scratch = Buffer.alloc(1 + ARITY * HASH_BYTES, 1);

/** The hash of an inner node over its packed children (2 to 16 of them). */
const groupHash = (children: Buffer): Buffer => {
  children.copy(scratch, 1);
  return hash('sha256', scratch.subarray(0, 1 + children.length), 'buffer') as unknown as Buffer;
};

/** The packed hashes as 32-bit words (a view when aligned, else a copy). */
const wordsOf = (packed: Buffer): Uint32Array =>
  packed.byteOffset % 4 === 0
    ? new Uint32Array(packed.buffer, packed.byteOffset, packed.length / 4)
    : new Uint32Array(Uint8Array.from(packed).buffer);

/**
 * A 32-bit word read little-endian, as big-endian (the first bytes of a hash as a number that sorts as the bytes do).
 */
const bigEndian = (w: number) => (((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24)) >>> 0;

/**
 * Packed 32-byte hashes sorted ascending (a new buffer), without one object per hash: each hash
 * keyed by its first 8 bytes (two big-endian numbers), a counting sort on the first two bytes
 * (hashes are uniform, so buckets hold a handful), then insertion sort within each bucket on the
 * keys, the whole 32 bytes compared only when the keys tie; the sorted copy is made word by word.
 */
export const sortHashes = (packed: Buffer): Buffer => {
  const n = packed.length / HASH_BYTES;
  const words = wordsOf(packed);
  const perHash = HASH_BYTES / 4;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    hi[i] = bigEndian(words[i * perHash]!);
    lo[i] = bigEndian(words[i * perHash + 1]!);
  }
  const starts = new Uint32Array(65537);
  for (let i = 0; i < n; i++) starts[(hi[i]! >>> 16) + 1]! += 1;
  for (let b = 1; b <= 65536; b++) starts[b]! += starts[b - 1]!;
  const next = starts.slice(0, 65536);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[next[hi[i]! >>> 16]!++] = i;
  const hashAt = (i: number) => packed.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES);
  for (let b = 0; b < 65536; b++) {
    const first = starts[b]!;
    for (let i = first + 1; i < starts[b + 1]!; i++) {
      const item = order[i]!;
      const h = hi[item]!;
      const l = lo[item]!;
      let j = i - 1;
      for (; j >= first; j--) {
        const other = order[j]!;
        const oh = hi[other]!;
        const ol = lo[other]!;
        const after = oh !== h ? oh > h : ol !== l ? ol > l : Buffer.compare(hashAt(other), hashAt(item)) > 0;
        if (!after) break;
        order[j + 1] = other;
      }
      order[j + 1] = item;
    }
  }
  const sorted = Buffer.allocUnsafeSlow(packed.length);
  const to = new Uint32Array(sorted.buffer, sorted.byteOffset, sorted.length / 4);
  for (let i = 0; i < n; i++) {
    const source = order[i]! * perHash;
    const target = i * perHash;
    for (let k = 0; k < perHash; k++) to[target + k] = words[source + k]!;
  }
  return sorted;
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

/** The index of a leaf among sorted packed leaves (binary search), or -1. */
export const findLeaf = (sortedLeaves: Buffer, leaf: Buffer): number => {
  let low = 0;
  let high = count(sortedLeaves) - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const cmp = Buffer.compare(nodeAt(sortedLeaves, mid), leaf);
    if (cmp === 0) return mid;
    if (cmp < 0) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
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
