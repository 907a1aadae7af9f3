import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  HASH_BYTES,
  applyProof,
  bucketOf,
  createLeafBuilder,
  findBucket,
  leafHash,
  leafHashesOf,
  proofPath,
  rootOf,
  voteRecord,
  wholeRoot,
} from '../../shared/scoring/merkle';
import { createTallyCounter, recountVotes, type CountedVote } from '../../shared/scoring/recount';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
/** A request id in bucket `bucket` (its first 4 hex digits), the rest made from `n`. */
const requestId = (bucket: number, n: number) =>
  `${bucket.toString(16).padStart(4, '0')}${createHash('sha1').update(String(n)).digest('hex').slice(4)}`;
const vote = (
  bucket: number,
  n: number,
  position = 0,
  category: 'window' | 'star' = 'window',
  candidateId = `c${n % 3}`,
): CountedVote => ({
  receiptId: `${requestId(bucket, n)}-${position}`,
  candidateId,
  category,
  day: '2019-07-28',
});
const inReceiptOrder = (votes: CountedVote[]) =>
  [...votes].sort((a, b) => {
    const [ra, pa] = a.receiptId.split('-');
    const [rb, pb] = b.receiptId.split('-');
    return ra !== rb ? (ra! < rb! ? -1 : 1) : Number(pa) - Number(pb);
  });

describe('Merkle tree of the tally', () => {
  it('hashes a leaf as SHA-256(0x00 || its records joined with "\\n")', () => {
    const a = vote(7, 1);
    const b = vote(7, 2);
    expect(voteRecord(a)).toBe(`${a.receiptId}|c1|window|2019-07-28`);
    expect(leafHash([voteRecord(a), voteRecord(b)])).toEqual(
      sha(Buffer.of(0), Buffer.from(`${voteRecord(a)}\n${voteRecord(b)}`)),
    );
    expect(bucketOf(a.receiptId)).toBe(7);
  });

  it('builds the root from the leaves in groups of 16, carrying a group of one up unchanged', () => {
    const leaves = Array.from({ length: 17 }, (_, i) => leafHash([voteRecord(vote(i, i))]));
    expect(rootOf(Buffer.concat(leaves.slice(0, 3)))).toBe(sha(Buffer.of(1), ...leaves.slice(0, 3)).toString('hex'));
    const firstGroup = sha(Buffer.of(1), ...leaves.slice(0, 16));
    expect(rootOf(Buffer.concat(leaves))).toBe(sha(Buffer.of(1), firstGroup, leaves[16]!).toString('hex'));
    expect(rootOf(Buffer.alloc(0))).toBe(EMPTY_ROOT);
  });

  it("gives each category one leaf per bucket, its votes' records in receipt order (position 2 before 10), buckets ascending", async () => {
    const votes = inReceiptOrder([
      vote(0x00ff, 1, 2),
      vote(0x00ff, 1, 10),
      vote(0x00ff, 2, 0, 'star'),
      vote(0x00ff, 3, 0),
      vote(0xabcd, 4, 0),
      vote(0x0100, 5, 1, 'star'),
    ]);
    const tally = await recountVotes(votes);
    const records = (bucket: number, category: string) =>
      votes.filter((v) => bucketOf(v.receiptId) === bucket && v.category === category).map(voteRecord);
    expect(records(0x00ff, 'window')[0]).toContain('-2|');
    expect(records(0x00ff, 'window')[1]).toContain('-10|');
    const window = [0x00ff, 0xabcd].map((b) => leafHash(records(b, 'window')));
    const star = [0x00ff, 0x0100].map((b) => leafHash(records(b, 'star')));
    expect(tally.categories.window.root).toBe(sha(Buffer.of(1), ...window).toString('hex'));
    expect(tally.categories.star.root).toBe(sha(Buffer.of(1), ...star).toString('hex'));
    expect(tally.root).toBe(wholeRoot({ window: tally.categories.window.root, star: tally.categories.star.root }));
    expect(tally.votes.get('c1')).toBe(3);
    expect(tally.categories.window.votes).toBe(4);
    // The stored leaves name their buckets, so a proof finds its leaf without the votes.
    expect(findBucket(tally.categories.star.leaves, 0x0100)).toBe(1);
    expect(findBucket(tally.categories.star.leaves, 0xabcd)).toBe(-1);
    expect(leafHashesOf(tally.categories.window.leaves)).toEqual(Buffer.concat(window));
  });

  it('refuses a vote out of receipt order, or twice, and counts nothing of it', () => {
    const [first, second] = inReceiptOrder([vote(1, 1), vote(2, 2)]);
    const counter = createTallyCounter();
    counter.add(second!);
    expect(() => counter.add(first!)).toThrow(/out of receipt order/);
    expect(() => counter.add(second!)).toThrow(/out of receipt order/);
    const tally = counter.finish();
    expect(tally.total).toBe(1);
    expect(tally.categories.window.root).toBe(leafHash([voteRecord(second!)]).toString('hex'));
  });

  it('stores one leaf of 34 bytes per bucket with votes, however many votes the bucket holds', () => {
    const builder = createLeafBuilder();
    for (let bucket = 0; bucket < 3000; bucket++) for (let n = 0; n < 4; n++) builder.add(vote(bucket, bucket * 4 + n));
    const { hashes, stored } = builder.finish();
    expect(hashes.length).toBe(3000 * HASH_BYTES);
    expect(stored.length).toBe(3000 * (HASH_BYTES + 2));
  });

  it('proves every leaf up to its root, and a changed leaf proves nothing', () => {
    for (const n of [1, 2, 16, 17, 33, 300]) {
      const leaves = Buffer.concat(Array.from({ length: n }, (_, i) => leafHash([voteRecord(vote(i, i))])));
      const root = rootOf(leaves);
      for (let i = 0; i < n; i++) {
        const leaf = leaves.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES);
        expect(applyProof(leaf, proofPath(leaves, i))).toBe(root);
      }
      if (n > 1) expect(applyProof(leafHash([voteRecord(vote(9999, 99))]), proofPath(leaves, 0))).not.toBe(root);
    }
  });
});
