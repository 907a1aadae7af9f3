/**
 * A vote's proof of inclusion, once the results are public (announcement): before, a proof's
 * index and path length would tell the volume of votes while counts may be hidden.
 * The proof: the path from its leaf to its category's root, and
 * from that root to the root of the whole vote, as published with the results (see merkle.ts).
 * Anyone can fold it with SHA-256 and compare with the published roots.
 */
import { hasReached } from '../campaigns/schema';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { CATEGORIES } from '../campaigns/schema';
import { findLeaf, leafHash, proofPath, type ProofStep } from '../scoring/merkle';
import type { CountedVote } from '../scoring/recount';
import { resultsDocumentSchema } from './document';
import type { ResultFiles } from './result-files';
import type { ResultsRepository } from './results-repository';

export interface InclusionProof {
  resultsVersion: number;
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
  'leaf = SHA-256(0x00 || UTF-8("receiptId|candidateId|category|day")); node = SHA-256(0x01 || children); fold the path from the leaf: at each step node = SHA-256(0x01 || before... || node || after...)';

/** Finds proofs against the latest results; the sorted leaves of a version are read once per process. */
export const createProofFinder = ({
  results,
  files,
  campaigns,
}: {
  results: ResultsRepository;
  files: Pick<ResultFiles, 'get'>;
  campaigns: Pick<CampaignRepository, 'get'>;
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
    let leaves = leavesCache.get(key);
    if (!leaves) {
      leaves = (await files.get(key)) ?? Buffer.alloc(0);
      leavesCache.set(key, leaves);
    }
    const leaf = leafHash(vote);
    const index = findLeaf(leaves, leaf);
    if (index < 0) return undefined;
    const document = resultsDocumentSchema.parse(JSON.parse(snapshot.document));
    const categories = [...CATEGORIES].sort();
    const roots = Buffer.concat(categories.map((c) => Buffer.from(document.tally.categories[c].root, 'hex')));
    return {
      resultsVersion: snapshot.version,
      leaf: leaf.toString('hex'),
      leafIndex: index,
      path: proofPath(leaves, index),
      categoryRoot: document.tally.categories[vote.category].root,
      rootPath: proofPath(roots, categories.indexOf(vote.category)),
      root: document.tally.root,
      encoding: ENCODING,
    };
  };
};
