/** GET /receipts/{receiptId}: a receipt's status (`queued`, `counted`, `duplicate`, `over_limit`, `voided`), for anyone holding it; once the results are public (announcement), a counted vote's proof of inclusion. */
import { NotFoundError } from '../../shared/errors';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { voteRecords } from './wiring';
import { proofFor } from '../results/proofs';

export const handler = withHttp(async (event) => {
  const receiptId = pathParam(event, 'receiptId');
  const receipt = await (await voteRecords()).receipt(receiptId);
  if (!receipt) throw new NotFoundError(`No receipt ${receiptId}`);
  const { campaignId, candidateId, category, day } = receipt;
  // Once the results are public, a counted vote also carries its proof of inclusion in the published tally.
  const proof =
    receipt.status === 'counted' && campaignId && candidateId && category && day
      ? await proofFor({ campaignId, receiptId, candidateId, category, day })
      : undefined;
  return json(200, proof ? { ...receipt, proof } : receipt);
});
