/** POST /campaigns/{cid}/votes: a voter's votes onto the queue; 202 with one `queued` receipt per vote. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { parseBody, pathParam, sourceIp } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp, type HttpEvent } from '../../shared/http/with-http';
import { OpsMetric } from '../../shared/ops-metrics';
import { metrics } from '../../shared/powertools';
import { castVotes } from '../../shared/votes/cast-votes';
import { requireVoter, voterKeys } from '../voters/wiring';
import { cachedCampaign, cachedCandidates, sendVote, velocity } from './wiring';

const bodySchema = z.strictObject({ candidateIds: z.array(z.string().min(1).max(100)).min(1).max(20) });

/** The page's device fingerprint (`x-device-id`), when it is a plausible one. */
const deviceId = (event: HttpEvent): string | undefined => {
  const value = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'x-device-id')?.[1];
  return value && /^[A-Za-z0-9._:-]{4,128}$/.test(value) ? value : undefined;
};

export const handler = withHttp(async (event) => {
  const now = new Date();
  const voter = await requireVoter(event, now);
  const { candidateIds } = parseBody(event, bodySchema, 4096);
  const keys = await voterKeys();
  const receipts = await castVotes(
    pathParam(event, 'cid'),
    candidateIds,
    voter,
    { ip: sourceIp(event), deviceId: deviceId(event) },
    {
      campaign: cachedCampaign,
      candidates: cachedCandidates,
      send: sendVote,
      newRequestId: keys.newRequestId,
      velocity,
      now: () => now,
    },
  );
  metrics.addMetric(OpsMetric.VotesAccepted, MetricUnit.Count, receipts.length);
  return json(202, { receipts });
});
