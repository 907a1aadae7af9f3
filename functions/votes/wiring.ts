/** Vote dependencies, built once per process: repositories, the cached campaign and candidate lists, the queue, velocity limits. */
import { createCampaignRepository } from '../../shared/campaigns/campaign-repository';
import { STAGES } from '../../shared/campaigns/schema';
import { config } from '../../shared/config';
import { createNominationRepository } from '../../shared/nominations/nomination-repository';
import { votesQueue } from '../../infra/definitions';
import { createCandidateIndex } from '../../shared/votes/candidate-index';
import { createLanePool } from '../../shared/votes/counter-lanes';
import { createFlagRepository } from '../../shared/votes/flag-repository';
import { createTtlCache } from '../../shared/votes/ttl-cache';
import { createVelocityLimiter } from '../../shared/votes/velocity';
import { createVoteQueue } from '../../shared/votes/vote-queue';
import { createVoteRecords, type VoteRecords } from '../../shared/votes/vote-records';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { createVoidRepository } from '../../shared/votes/void-repository';
import { voterKeys } from '../voters/wiring';

export const campaigns = createCampaignRepository({ tableName: config.tableName });
export const votes = createVoteRepository({ tableName: config.tableName });
export const flags = createFlagRepository({ tableName: config.tableName });
export const voids = createVoidRepository({ tableName: config.tableName });
const nominations = createNominationRepository({ tableName: config.tableName });

/** The counter lanes this process holds (the consumer's runs and admins' voids write counters through them). */
export const lanes = createLanePool({ store: votes, leaseMs: votesQueue.consumerTimeoutSeconds * 1000 });

/** The campaign, read at most once a second per instance: a close takes effect within a second. */
export const cachedCampaign = createTtlCache((cid) => campaigns.get(cid), 1000);

/** Current candidates by id with their category: the small index item at most every 5 seconds per instance, rebuilt once a minute. */
export const cachedCandidates = createTtlCache(
  createCandidateIndex({ store: votes, listApproved: (cid) => nominations.listApproved(cid), maxAgeMs: 60_000 }),
  5000,
);

export const sendVote = createVoteQueue({ queueUrl: config.votesQueueUrl });

const perMinute = (name: string, fallback: number) => Number(process.env[name] ?? fallback) || fallback;

/** Per-instance velocity: a voter sends a few requests a minute; an IP (carrier NAT: many voters) more. */
export const velocity = {
  voter: createVelocityLimiter({ limit: perMinute('VOTE_VOTER_RATE_PER_MINUTE', 10), windowMs: 60_000 }),
  ip: createVelocityLimiter({ limit: perMinute('VOTE_IP_RATE_PER_MINUTE', 600), windowMs: 60_000 }),
};

/** Campaigns that opened voting, read at most every 5 seconds per instance (where a receipt may be). */
const votingCampaigns = createTtlCache(
  async () =>
    (await campaigns.list()).filter((c) => STAGES.indexOf(c.stage) >= STAGES.indexOf('voting')).map((c) => c.id),
  5000,
);

/** The port the results concept reads votes through (see shared/votes/vote-records.ts). */
export const voteRecords = async (): Promise<VoteRecords> =>
  createVoteRecords({
    votes,
    isOwnRequestId: (await voterKeys()).isOwnRequestId,
    votingCampaigns: () => votingCampaigns('all'),
  });
