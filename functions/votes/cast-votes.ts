/**
 * POST /campaigns/{cid}/votes: a voter's votes decided on the ballot and queued for counting; 202 with one receipt per
 * vote, its status final.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from '../../shared/zod';
import { parseBody, pathParam, sourceIp } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import type { HttpEvent } from '../../shared/http/with-http';
import { OpsMetric } from '../../shared/ops-metrics';
import { metrics } from '../../shared/powertools';
import { castVotes } from '../../shared/votes/cast-votes';
import { createCandidateIndex } from '../../shared/votes/candidate-index';
import { createTtlCache } from '../../shared/votes/ttl-cache';
import { createVelocityLimiter } from '../../shared/votes/velocity';
import { ballots, campaigns, nominations, voteQueue, voterKeys, sessionEnds } from '../runtime/adapters';
import { httpRoute, serveRoutes } from '../runtime/http';
import { requireVoter } from '../voters/voter-auth';

const bodySchema = z.strictObject({
  candidateIds: z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.minLength(1), z.maxLength(20)),
});

/** The page's device fingerprint (`x-device-id`), when it is a plausible one. */
const deviceId = (event: HttpEvent): string | undefined => {
  const value = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'x-device-id')?.[1];
  return value && /^[A-Za-z0-9._:-]{4,128}$/.test(value) ? value : undefined;
};

// A tuning knob, not a deployment setting (the vote-burst bench lifts the IP limit): read once per process.
const perMinute = (name: string, fallback: number) => Number(process.env[name] ?? fallback) || fallback;

export const castVotesRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/votes',
  auth: 'voter',
  summary: "Cast votes (voter token): decided on the voter's ballot, queued for counting, 202 with final receipts",
  uses: {
    campaigns: campaigns.read,
    nominations: nominations.read,
    // Each vote is decided by a conditional write on the voter's ballot (and the candidate index is rebuilt when
    // stale).
    ballots: ballots.write,
    voteQueue: voteQueue.send,
    voterKeys: voterKeys.read,
    // Read for a session begun before today: the ballot writes check today's (a session the voter ended stops at once).
    voters: sessionEnds.read,
  },
  handle: (deps) => {
    /** The campaign, read at most once a second per instance: a close takes effect within a second. */
    const cachedCampaign = createTtlCache((cid) => deps.campaigns.get(cid), 1000);
    /**
     * Current candidates by id with their category: the small index item (the clock tick rebuilds it once a minute) at
     * most once a minute per instance; rebuilt here only if the tick is 5 minutes late. In voting the candidates change
     * only by a disqualification, and a vote for a candidate disqualified a minute ago is counted and listed, never
     * awarded.
     */
    const cachedCandidates = createTtlCache(
      createCandidateIndex({
        store: deps.ballots,
        listApproved: (cid) => deps.nominations.listApproved(cid),
        maxAgeMs: 5 * 60_000,
      }),
      60_000,
    );
    /** Per-instance velocity: a voter sends a few requests a minute; an IP (carrier NAT: many voters) more. */
    const velocity = {
      voter: createVelocityLimiter({ limit: perMinute('VOTE_VOTER_RATE_PER_MINUTE', 10), windowMs: 60_000 }),
      ip: createVelocityLimiter({ limit: perMinute('VOTE_IP_RATE_PER_MINUTE', 600), windowMs: 60_000 }),
    };
    return async (event) => {
      const now = new Date();
      const voter = await requireVoter(event, now, deps, { ballotChecksToday: true });
      const { candidateIds } = parseBody(event, bodySchema, 4096);
      const keys = await deps.voterKeys();
      const receipts = await castVotes(
        pathParam(event, 'cid'),
        candidateIds,
        voter,
        { ip: sourceIp(event), deviceId: deviceId(event) },
        {
          campaign: cachedCampaign,
          candidates: cachedCandidates,
          send: deps.voteQueue,
          ballots: deps.ballots,
          newRequestId: keys.newRequestId,
          velocity,
          now: () => now,
        },
      );
      metrics.addMetric(OpsMetric.VotesAccepted, MetricUnit.Count, receipts.length);
      return json(202, { receipts });
    };
  },
});

export const handler = serveRoutes([castVotesRoute]);
