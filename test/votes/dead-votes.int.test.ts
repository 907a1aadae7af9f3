/**
 * The close waits for its own campaign's votes, counted exactly, and a dead-lettered vote is kept
 * until an admin deals with it (issue 9, item 3), against the local system: the real consumer and
 * the DLQ's worker behind local-aws-sqs, DynamoDB Local, the gateway.
 *
 * Campaign A gets votes through a queue of this test whose consumer keeps failing one request (as
 * throttling or a bug would): that request is dead-lettered, kept in the table (not in the DLQ, so
 * not lost to its retention), holds up A's close and not B's, and the admin's retry counts it once.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler as keepDeadVotes } from '../../functions/votes/keep-dead-votes';
import { handler as tallyVotes } from '../../functions/votes/tally-votes';
import { getSqsClient } from '../../shared/aws/clients';
import { createDeadVoteRepository } from '../../shared/votes/dead-vote-repository';
import type { VoteMessage } from '../../shared/votes/vote-message';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { createVotesBacklog } from '../../shared/votes/votes-backlog';
import { ensureQueueWithDlq } from '../../infra/local/resources';
import { lambdaContext } from '../../infra/local/invoke';
import { startSqsPoller } from '../../infra/local/sqs-poller';
import { api, clients, login } from '../support/api';
import { voteMessage, votingCampaign } from './support/fixtures';
import { queueDepth } from './support/queues';

const tableName = process.env.TABLE_NAME!;
const sqs = getSqsClient();
const votes = createVoteRepository({ tableName });
const deadVotes = createDeadVoteRepository({ tableName });
const backlog = createVotesBacklog({ votes, deadVotes });
const context = lambdaContext('test', 30) as Context;

const send = async (queueUrl: string, messages: VoteMessage[]) => {
  for (let i = 0; i < messages.length; i += 10)
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.slice(i, i + 10).map((m, n) => ({ Id: String(n), MessageBody: JSON.stringify(m) })),
      }),
    );
};

/** What the door does before sending: the request's counted votes go on the voter's ballots (one write per category). */
const accept = async (messages: VoteMessage[]) => {
  const limits = { candidatesPerCategoryPerDay: 99, perCandidatePerDay: 99 };
  for (const m of messages) {
    const counted = m.votes.filter((v) => v.status === 'counted');
    for (const category of new Set(counted.map((v) => v.category))) {
      const key = { campaignId: m.campaignId, voterId: m.voterId, day: m.day, category };
      const written = await votes.addFirstVotes(
        key,
        counted.filter((v) => v.category === category),
        limits,
        new Date(m.acceptedAt),
      );
      expect(written.ok).toBe(true);
    }
  }
};

const total = async (campaignId: string, candidateId: string) =>
  (await votes.counters(campaignId, [candidateId])).reduce((s, r) => s + r.votes, 0);

const until = async (what: () => Promise<boolean>, seconds = 60) => {
  for (let i = 0; i < seconds * 5; i++) {
    if (await what()) return;
    await sleep(200);
  }
  throw new Error('timed out');
};

const drained = async (campaignId: string, admin: string) => {
  const dryRun = await api('GET', `/campaigns/${campaignId}/transitions`, { token: admin });
  expect(dryRun.status).toBe(200);
  return (
    dryRun.body.next[0].preconditions as Array<{ key: string; passed: boolean; detail?: string; detailEn?: string }>
  ).find((p) => p.key === 'votes-drained')!;
};

describe('the close waits for its own campaign, and dead-lettered votes are kept until retried', () => {
  it('counts the backlog exactly, keeps a dead vote out of the DLQ, blocks only its campaign, and a retry counts it once', async () => {
    const admin = await login('admin');
    // In scoring: the next move is the close (announcement), whose dry run checks the votes.
    const [a, b] = [await votingCampaign({ stage: 'scoring' }), await votingCampaign({ stage: 'scoring' })];
    const name = `dead-${randomBytes(4).toString('hex')}`;
    const { queueUrl, dlqUrl } = await ensureQueueWithDlq(
      sqs,
      { queue: name, dlq: `${name}-dlq` },
      { visibilityTimeoutSeconds: 2, maxReceiveCount: 2, retentionDays: 1, dlqRetentionDays: 1 },
    );

    const voters = Array.from({ length: 30 }, (_, i) => `voter-${i}`);
    const forA = voters.map((v, i) =>
      voteMessage(a.id, v, [
        [`w${i % 3}`, 'window'],
        ['s1', 'star', i % 5 === 0 ? 'duplicate' : 'counted'],
      ]),
    );
    const poison = forA[7]!;
    const forB = voters.slice(0, 10).map((v) => voteMessage(b.id, v, [['w0', 'window']]));
    await accept([...forA, ...forB]);
    const countedA = forA.flatMap((m) => m.votes).filter((v) => v.status === 'counted').length;

    // Accepted, nothing counted yet: the backlog is exact, per campaign.
    expect(await backlog(a.id)).toEqual({ inFlight: countedA, deadLettered: 0 });
    expect(await backlog(b.id)).toEqual({ inFlight: 10, deadLettered: 0 });
    expect(await drained(a.id, admin)).toMatchObject({ passed: false });

    // Every message twice (SQS may deliver twice); the consumer of this queue keeps failing one request.
    await send(queueUrl, [...forA, ...forB, ...forA]);
    const failing = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      const bad = event.Records.filter((r) => (JSON.parse(r.body) as VoteMessage).requestId === poison.requestId);
      const rest = event.Records.filter((r) => !bad.includes(r));
      const response = rest.length > 0 ? await tallyVotes({ Records: rest }, context) : { batchItemFailures: [] };
      return {
        batchItemFailures: [...response.batchItemFailures, ...bad.map((r) => ({ itemIdentifier: r.messageId }))],
      };
    };
    const consumer = await startSqsPoller({
      client: sqs,
      queueUrl,
      region: 'us-east-1',
      batchSize: 25,
      maxBatchingWindowSeconds: 0.2,
      handler: failing,
      concurrency: 2,
      onError: () => undefined,
    });
    try {
      // With messages in flight the backlog only goes down, and never below what is still to come.
      let last = countedA;
      await until(async () => {
        const { inFlight } = await backlog(a.id);
        expect(inFlight).toBeLessThanOrEqual(last);
        last = inFlight;
        return (await queueDepth(queueUrl)) === 0 && (await queueDepth(dlqUrl)) >= 2;
      });
    } finally {
      await consumer.stop();
    }
    const poisonVotes = poison.votes.filter((v) => v.status === 'counted').length;
    expect(await backlog(a.id)).toEqual({ inFlight: poisonVotes, deadLettered: 0 });
    expect(await backlog(b.id)).toEqual({ inFlight: 0, deadLettered: 0 });

    // The DLQ's worker keeps both copies as one dead vote under A, and empties the DLQ.
    const keeper = await startSqsPoller({
      client: sqs,
      queueUrl: dlqUrl,
      region: 'us-east-1',
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
      handler: (event) => keepDeadVotes(event, context),
      concurrency: 1,
      onError: () => undefined,
    });
    try {
      await until(async () => (await queueDepth(dlqUrl)) === 0);
    } finally {
      await keeper.stop();
    }
    expect(await backlog(a.id)).toEqual({ inFlight: poisonVotes, deadLettered: 1 });
    // Kept with no expiry: it outlives the DLQ's retention.
    const { Items = [] } = await clients().dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `DEADVOTE#${a.id}` },
      }),
    );
    expect(Items).toHaveLength(1);
    expect(Items[0]).not.toHaveProperty('expiresAt');

    // A's close is refused, naming the count; B's is not held up by A's dead vote.
    expect(await drained(a.id, admin)).toMatchObject({ passed: false });
    expect((await drained(a.id, admin)).detailEn).toContain('1 dead-lettered');
    expect(await drained(b.id, admin)).toMatchObject({ passed: true });

    // The admin sees it (receipts, no voter or address) and retries it.
    const listed = await api('GET', `/campaigns/${a.id}/dead-votes`, { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.count).toBe(1);
    expect(listed.body.deadVotes[0]).toMatchObject({ requestId: poison.requestId, votes: poison.votes });
    expect(JSON.stringify(listed.body)).not.toContain(poison.voterId);
    expect(JSON.stringify(listed.body)).not.toContain(poison.ip);
    expect((await api('GET', `/campaigns/${b.id}/dead-votes`, { token: admin })).body.count).toBe(0);

    const before = await total(a.id, poison.votes[0]!.candidateId);
    const retried = await api('POST', `/campaigns/${a.id}/dead-votes/retry`, { token: admin });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ retried: 1 });
    // The local system's consumer counts it.
    await until(async () => (await backlog(a.id)).inFlight === 0);
    expect(await backlog(a.id)).toEqual({ inFlight: 0, deadLettered: 0 });
    expect(await drained(a.id, admin)).toMatchObject({ passed: true });
    expect(await total(a.id, poison.votes[0]!.candidateId)).toBe(before + 1);

    // The same request dead-lettered again (a late duplicate) and retried twice at once: still counted once.
    await deadVotes.keep({ message: poison, keptAt: new Date().toISOString() });
    const again = await Promise.all([
      api('POST', `/campaigns/${a.id}/dead-votes/retry`, { token: admin }),
      api('POST', `/campaigns/${a.id}/dead-votes/retry`, { token: admin }),
    ]);
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    await until(async () => (await deadVotes.count(a.id)) === 0);
    await sleep(3000);
    expect(await total(a.id, poison.votes[0]!.candidateId)).toBe(before + 1);
    expect(await backlog(a.id)).toEqual({ inFlight: 0, deadLettered: 0 });
    const counted = await Promise.all(['w0', 'w1', 'w2'].map((w) => total(a.id, w)));
    expect(counted.reduce((s, n) => s + n, 0)).toBe(30);
  }, 180_000);
});
