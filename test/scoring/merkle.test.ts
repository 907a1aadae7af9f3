import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  HASH_BYTES,
  applyProof,
  findLeaf,
  leafHash,
  proofPath,
  rootOf,
  sortHashes,
  wholeRoot,
} from '../../shared/scoring/merkle';
import { recountVotes, type CountedVote } from '../../shared/scoring/recount';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const vote = (i: number, category: 'window' | 'star' = 'window'): CountedVote => ({
  receiptId: `r${i}`,
  candidateId: `c${i % 3}`,
  category,
  day: '2019-07-28',
});

describe('Merkle tree of the tally', () => {
  it('hashes a leaf as SHA-256(0x00 || "receiptId|candidateId|category|day")', () => {
    expect(leafHash(vote(1))).toEqual(sha(Buffer.of(0), Buffer.from('r1|c1|window|2019-07-28')));
  });

  it('builds the root from sorted leaves in groups of 16, carrying a group of one up unchanged', () => {
    const three = [0, 1, 2].map((i) => leafHash(vote(i))).sort(Buffer.compare);
    expect(rootOf(Buffer.concat(three))).toBe(sha(Buffer.of(1), ...three).toString('hex'));
    const seventeen = Array.from({ length: 17 }, (_, i) => leafHash(vote(i))).sort(Buffer.compare);
    const firstGroup = sha(Buffer.of(1), ...seventeen.slice(0, 16));
    expect(rootOf(Buffer.concat(seventeen))).toBe(sha(Buffer.of(1), firstGroup, seventeen[16]!).toString('hex'));
    expect(rootOf(Buffer.alloc(0))).toBe(EMPTY_ROOT);
  });

  it('gives the same roots whatever order the votes come in', async () => {
    const votes = Array.from({ length: 50 }, (_, i) => vote(i, i % 4 === 0 ? 'star' : 'window'));
    const forward = await recountVotes(votes);
    const backward = await recountVotes([...votes].reverse());
    expect(backward.root).toBe(forward.root);
    expect(forward.categories.star.votes).toBe(13);
    expect(forward.categories.window.votes).toBe(37);
    expect(forward.votes.get('c0')).toBe(17);
    expect(forward.root).toBe(
      wholeRoot({ window: forward.categories.window.root, star: forward.categories.star.root }),
    );
  });

  it('sorts packed hashes exactly as a byte-wise sort, also when their first bytes collide', () => {
    const hashes = Array.from({ length: 3000 }, () => randomBytes(HASH_BYTES));
    for (let i = 0; i < 200; i++) hashes[i]!.writeUInt32BE(0xabcdef00 + (i % 3), 0);
    expect(sortHashes(Buffer.concat(hashes))).toEqual(Buffer.concat([...hashes].sort(Buffer.compare)));
  });

  it('proves every leaf up to its root, and a changed leaf proves nothing', () => {
    for (const n of [1, 2, 16, 17, 33, 300]) {
      const leaves = sortHashes(Buffer.concat(Array.from({ length: n }, (_, i) => leafHash(vote(i)))));
      const root = rootOf(leaves);
      for (let i = 0; i < n; i++) {
        const leaf = leaves.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES);
        expect(findLeaf(leaves, leaf)).toBe(i);
        expect(applyProof(leaf, proofPath(leaves, i))).toBe(root);
      }
      if (n > 1) expect(applyProof(leafHash(vote(99)), proofPath(leaves, 0))).not.toBe(root);
    }
  });
});
