/**
 * A vote's proof of inclusion, once the results are public (announcement): before, a proof's
 * index and path length would tell the volume of votes while counts may be hidden.
 * The proof: its leaf's records (merkle.ts: the votes of its category whose receipt ids share its first 4 hex
 * digits), the path from that leaf to its category's root, and
 * from that root to the root of the whole vote, as published with the results (see merkle.ts).
 * Anyone can fold it with SHA-256 and compare with the published roots.
 */
import { hasReached } from '../campaigns/schema';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { CATEGORIES } from '../campaigns/schema';
import {
  bucketOf,
  bucketPrefix,
  findBucket,
  HASH_BYTES,
  leafHash,
  leafHashesOf,
  proofPath,
  voteRecord,
  type ProofStep,
} from '../scoring/merkle';
import type { CountedVote } from '../scoring/recount';
import { resultsDocumentSchema } from './document';
import type { ResultFiles } from './result-files';
import type { ResultsRepository } from './results-repository';

export interface InclusionProof {
  resultsVersion: number;
  /**
   * The leaf's records, in receipt order: every counted vote of this category whose receipt id begins with the same
   * 4 hex digits, this one's among them (each as published in the votes list).
   */
  records: string[];
  leaf: string;
  leafIndex: number;
  /** Siblings from the leaf up to the category root. */
  path: ProofStep[];
  categoryRoot: string;
  /** Siblings from the category root up to the whole vote's root. */
  rootPath: ProofStep[];
  root: string;
  encoding: string;
}

const ENCODING =
  'record = "receiptId|candidateId|category|day"; leaf = SHA-256(0x00 || UTF-8(records joined with "\\n")); node = SHA-256(0x01 || children); fold the path from the leaf: at each step node = SHA-256(0x01 || before... || node || after...)';

/**
 * Finds proofs against the latest results; the stored leaves of a version are read once per process, a leaf's
 * records from the ledger (one query of the bucket's request ids). When the ledger no longer gives the published leaf
 * (a vote voided since), there is no proof.
 */
export const createProofFinder = ({
  results,
  files,
  campaigns,
  counted,
}: {
  results: ResultsRepository;
  files: Pick<ResultFiles, 'get'>;
  campaigns: Pick<CampaignRepository, 'get'>;
  /** The counted votes of a campaign whose receipt ids start with the prefix, in receipt order. */
  counted: (campaignId: string, receiptIdPrefix: string) => AsyncIterable<CountedVote>;
}) => {
  const leavesCache = new Map<string, Buffer>();
  /**
   * The proof that this counted vote is in the published tally; undefined before the results are public or when it is
   * not in it (e.g. voided).
   */
  return async (vote: CountedVote & { campaignId: string }): Promise<InclusionProof | undefined> => {
    const campaign = await campaigns.get(vote.campaignId);
    if (!campaign || !hasReached(campaign.stage, 'announcement')) return undefined;
    const snapshot = await results.latest(vote.campaignId);
    if (!snapshot) return undefined;
    const key = snapshot.files.leaves[vote.category];
    let stored = leavesCache.get(key);
    if (!stored) {
      stored = (await files.get(key)) ?? Buffer.alloc(0);
      leavesCache.set(key, stored);
    }
    const bucket = bucketOf(vote.receiptId);
    const index = findBucket(stored, bucket);
    if (index < 0) return undefined;
    const records: string[] = [];
    for await (const v of counted(vote.campaignId, bucketPrefix(bucket)))
      if (v.category === vote.category) records.push(voteRecord(v));
    const leaf = leafHash(records);
    const hashes = leafHashesOf(stored);
    if (
      !records.includes(voteRecord(vote)) ||
      !leaf.equals(hashes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES))
    )
      return undefined;
    const document = resultsDocumentSchema.parse(JSON.parse(snapshot.document));
    const categories = [...CATEGORIES].sort();
    const roots = Buffer.concat(categories.map((c) => Buffer.from(document.tally.categories[c].root, 'hex')));
    return {
      resultsVersion: snapshot.version,
      records,
      leaf: leaf.toString('hex'),
      leafIndex: index,
      path: proofPath(hashes, index),
      categoryRoot: document.tally.categories[vote.category].root,
      rootPath: proofPath(roots, categories.indexOf(vote.category)),
      root: document.tally.root,
      encoding: ENCODING,
    };
  };
};
