/**
 * One results computation at a time per campaign, against the real stand-ins (DynamoDB Local,
 * s3rver) with the dependencies the handlers build (`resultsDeps`): a run claims its version
 * before writing any file, so a concurrent run (the clock tick, a second admin, a second Lambda)
 * is refused with 409 and the version is written once; a claim left by a crashed run is taken
 * over once its lease runs out.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { resultsDeps as buildResultsDeps } from '../../functions/results/results-deps';
import { queryAll } from '../../shared/aws/dynamo';
import { campaignPk, createCampaignRepository } from '../../shared/campaigns/campaign-repository';
import { createJudgingRepository } from '../../shared/judging/judging-repository';
import { createNominationRepository } from '../../shared/nominations/nomination-repository';
import { createResultFiles } from '../../shared/results/result-files';
import { createResultsRepository } from '../../shared/results/results-repository';
import { computeResults, RESULTS_CLAIM_LEASE_MS, type ResultsDeps } from '../../shared/results/results';
import { createDeadVoteRepository } from '../../shared/votes/dead-vote-repository';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { createVotesBacklog } from '../../shared/votes/votes-backlog';
import { campaignOnNotice } from '../candidates/support';
import { moveTo } from '../nominations/support';
import { clients } from '../support/api';
import { until } from './support';

const table = () => process.env.TABLE_NAME!;
const tableName = table();
// What the compute route and the schedule worker build from their adapters, over the stand-ins.
const resultsDeps = buildResultsDeps({
  campaigns: createCampaignRepository({ tableName }),
  judging: createJudgingRepository({ tableName }),
  nominations: createNominationRepository({ tableName }),
  votes: createVoteRepository({ tableName }),
  votesBacklog: createVotesBacklog({
    votes: createVoteRepository({ tableName }),
    deadVotes: createDeadVoteRepository({ tableName }),
  }),
  results: createResultsRepository({ tableName }),
  resultFiles: createResultFiles({ bucket: process.env.UPLOADS_BUCKET_NAME! }),
});
// This campaign has no votes: the votes queue (shared with the other test files, which vote) is no concern of its runs
// here.
const deps: ResultsDeps = { ...resultsDeps, votesBacklog: async () => ({ inFlight: 0, deadLettered: 0 }) };

const storedVersions = async (cid: string) =>
  (
    await queryAll(clients().dynamodb, {
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': campaignPk(cid), ':prefix': 'RESULTS#' },
      ConsistentRead: true,
    })
  ).map((item) => item.version as number);

const claimItem = async (cid: string) =>
  (
    await clients().dynamodb.send(
      new GetCommand({ TableName: table(), Key: { pk: campaignPk(cid), sk: 'RESULTS-CLAIM' }, ConsistentRead: true }),
    )
  ).Item;

describe('results computed by one run at a time', () => {
  it('refuses computes of the version under way with 409 RESULTS_BUSY, writes each version once, and takes over a crashed run after its lease', {
    timeout: 120_000,
  }, async () => {
    const { cid } = await campaignOnNotice([
      { name: '单飞窗口', category: 'window', district: 'city', sector: '政务服务中心' },
      { name: '单飞明星', category: 'star', district: 'duodao', sector: '集贸市场' },
    ]);
    await moveTo(cid, 'voting');
    await moveTo(cid, 'scoring');
    // The schedule worker computes version 1 (then leaves this campaign alone: it has results).
    const first = await until('the schedule worker to compute version 1', async () => resultsDeps.results.latest(cid));
    expect(first).toMatchObject({ version: 1, computedBy: 'schedule' });

    // A run held at its first file write, i.e. after its claim.
    let reachedFiles!: () => void;
    const atFiles = new Promise<void>((resolve) => (reachedFiles = resolve));
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const held: ResultsDeps = {
      ...deps,
      files: {
        ...deps.files,
        put: async (key, body, type) => {
          reachedFiles();
          await gate;
          return deps.files.put(key, body, type);
        },
      },
    };
    const running = computeResults(cid, 'admin', held);
    await atFiles;
    await expect(computeResults(cid, 'admin', deps)).rejects.toMatchObject({ status: 409, code: 'RESULTS_BUSY' });
    openGate();
    const second = await running;
    expect(second.version).toBe(2);
    expect(await storedVersions(cid)).toEqual([1, 2]);
    expect((await deps.files.get(second.files.results))?.toString('utf8')).toBe(second.document);
    expect(await claimItem(cid)).toBeUndefined();

    // Two computes started together: exactly one writes version 3.
    const pair = await Promise.allSettled([computeResults(cid, 'admin', deps), computeResults(cid, 'admin', deps)]);
    const won = pair.filter((p) => p.status === 'fulfilled').map((p) => p.value.version);
    const lost = pair.filter((p) => p.status === 'rejected').map((p) => (p.reason as { code: string }).code);
    console.log('two computes started together:', { won, lost });
    expect(won).toEqual([3]);
    expect(lost).toEqual([expect.stringMatching(/^RESULTS_(BUSY|CHANGED)$/)]);
    expect(await storedVersions(cid)).toEqual([1, 2, 3]);

    // A run that crashed holding its claim: refused until the lease has run out, then taken over.
    const crashedAt = Date.now();
    const crashed = await resultsDeps.results.claim(cid, {
      version: 4,
      by: 'schedule',
      at: new Date(crashedAt).toISOString(),
      leaseUntil: crashedAt + RESULTS_CLAIM_LEASE_MS,
    });
    await expect(computeResults(cid, 'admin', deps)).rejects.toMatchObject({ code: 'RESULTS_BUSY' });
    const later = await computeResults(cid, 'admin', {
      ...deps,
      now: () => new Date(crashedAt + RESULTS_CLAIM_LEASE_MS + 1000),
    });
    expect(later.version).toBe(4);
    // The crashed run, were it only slow, can no longer store a snapshot under its lost claim.
    await expect(resultsDeps.results.putSnapshot({ ...later, version: 5 }, [], crashed)).rejects.toMatchObject({
      code: 'RESULTS_CHANGED',
    });
    expect(await storedVersions(cid)).toEqual([1, 2, 3, 4]);
    expect(await claimItem(cid)).toBeUndefined();
  });
});
