/**
 * GET /receipts/{receiptId}: a receipt's status (`queued`, `counted`, `duplicate`, `over_limit`, `voided`), for anyone
 * holding it; once the results are public (announcement), a counted vote's proof of inclusion.
 */
import { hasReached } from '../../shared/campaigns/schema';
import { NotFoundError, say } from '../../shared/errors';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { createTtlCache } from '../../shared/votes/ttl-cache';
import { createVoteRecords } from '../../shared/votes/vote-records';
import { proofFinder, proofUses } from '../results/proofs';
import { voterKeys } from '../runtime/adapters';
import { httpRoute, serveRoutes } from '../runtime/http';

export const getReceiptRoute = httpRoute({
  method: 'GET',
  path: '/receipts/{receiptId}',
  auth: 'none',
  summary: 'Status of a vote receipt',
  uses: { voterKeys: voterKeys.read, ...proofUses },
  handle: (deps) => {
    const proofFor = proofFinder(deps);
    /** Campaigns that opened voting, read at most every 5 seconds per instance (where a receipt may be). */
    const votingCampaigns = createTtlCache(
      async () => (await deps.campaigns.list()).filter((c) => hasReached(c.stage, 'voting')).map((c) => c.id),
      5000,
    );
    return async (event) => {
      const receiptId = pathParam(event, 'receiptId');
      // The port the results concept reads votes through (see shared/votes/vote-records.ts).
      const records = createVoteRecords({
        votes: deps.votes,
        isOwnRequestId: (await deps.voterKeys()).isOwnRequestId,
        votingCampaigns: () => votingCampaigns('all'),
      });
      const receipt = await records.receipt(receiptId);
      if (!receipt) throw new NotFoundError(say(`没有投票回执 ${receiptId}`, `No receipt ${receiptId}`));
      const { campaignId, candidateId, category, day } = receipt;
      // Once the results are public, a counted vote also carries its proof of inclusion in the published tally.
      const proof =
        receipt.status === 'counted' && campaignId && candidateId && category && day
          ? await proofFor({ campaignId, receiptId, candidateId, category, day })
          : undefined;
      return json(200, proof ? { ...receipt, proof } : receipt);
    };
  },
});

export const handler = serveRoutes([getReceiptRoute]);
