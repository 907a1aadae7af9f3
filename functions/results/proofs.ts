/**
 * The proof of inclusion of a counted vote once the results are public, for GET /receipts/{id}
 * (the votes concept's handler): only what proofs need, so that handler stays small.
 */
import { createProofFinder } from '../../shared/results/proof';
import { countedVotes } from '../../shared/votes/vote-records';
import type { DepsOf } from '../runtime/adapter';
import { bucketReader, campaigns, results, votes } from '../runtime/adapters';

/**
 * The adapters the proof finder reads: the campaign's stage, the snapshots, the published leaves and the ledger (a
 * leaf's records).
 */
export const proofUses = {
  campaigns: campaigns.read,
  results: results.read,
  files: bucketReader.results,
  votes: votes.read,
};

/** Builds the proof finder (it caches the leaves it reads: build it once per process, in `handle`). */
export const proofFinder = (deps: DepsOf<typeof proofUses>) =>
  createProofFinder({
    campaigns: deps.campaigns,
    results: deps.results,
    files: deps.files,
    counted: (campaignId, prefix) => countedVotes(deps.votes, campaignId, prefix),
  });
