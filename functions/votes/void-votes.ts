/**
 * POST /campaigns/{cid}/vote-voids: an admin voids votes (by receipts or by flag) with a reason; the entry goes to the
 * public ledger.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from '../../shared/zod';
import { getCampaign } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { OpsMetric } from '../../shared/ops-metrics';
import { metrics } from '../../shared/powertools';
import { MAX_RECEIPTS_PER_VOID, voidVotes } from '../../shared/votes/voids';
import { campaigns, counterLanes, flags, voids, votes } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

const bodySchema = z
  .strictObject({
    receiptIds: z.optional(
      z
        .array(z.string().check(z.minLength(1), z.maxLength(64)))
        .check(z.minLength(1), z.maxLength(MAX_RECEIPTS_PER_VOID)),
    ),
    flagId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  })
  .check(
    z.refine(
      (b) => (b.receiptIds === undefined) !== (b.flagId === undefined),
      z.bilingual('receiptIds 与 flagId 须且只能给出其一', 'give either receiptIds or flagId'),
    ),
  );

export const voidVotesRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/vote-voids',
  auth: 'staff',
  summary: 'Void votes with a reason (admin)',
  uses: {
    campaigns: campaigns.read,
    votes: votes.write,
    lanes: counterLanes.write,
    flags: flags.read,
    voids: voids.write,
  },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const request = parseBody(event, bodySchema, 512 * 1024);
    const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
    const entry = await voidVotes(campaign, request, actor, deps);
    metrics.addMetric(
      OpsMetric.VotesVoided,
      MetricUnit.Count,
      entry.counts.reduce((sum, c) => sum + c.voided, 0),
    );
    return json(200, entry);
  },
});
