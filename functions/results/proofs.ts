/**
 * The proof of inclusion of a counted vote once the results are public, for GET /receipts/{id} (the votes
 * concept's handler): only what proofs need, so that handler stays small.
 */
import { config } from '../../shared/config';
import { createProofFinder } from '../../shared/results/proof';
import { createResultFiles } from '../../shared/results/result-files';
import { createResultsRepository } from '../../shared/results/results-repository';
import { campaigns } from '../campaigns/wiring';

export const proofFor = createProofFinder({
  campaigns,
  results: createResultsRepository({ tableName: config.tableName }),
  files: createResultFiles({ bucket: config.uploadsBucketName }),
});
