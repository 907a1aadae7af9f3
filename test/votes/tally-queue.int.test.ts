/**
 * The consumer behind the real local queue (local-aws-sqs) with the event source emulation:
 * duplicates sent to the queue count once, a poison message ends in the DLQ after its retries
 * while the tally stays exact, and `npm run redrive-dlq` brings dead-lettered votes back.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/votes/tally-votes';
import { getSqsClient } from '../../shared/aws/clients';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { ensureQueueWithDlq } from '../../infra/local/resources';
import { startSqsPoller } from '../../infra/local/sqs-poller';
import { lambdaContext } from '../../infra/local/invoke';
import { queueDepth } from './support/queues';
import { sqsRecord, voteMessage, voter, votingCampaign } from './support/fixtures';

const sqs = getSqsClient();
const store = createVoteRepository({ tableName: process.env.TABLE_NAME! });
const context = lambdaContext('tally-votes', 30) as Context;

const send = async (queueUrl: string, bodies: string[]) => {
  for (let i = 0; i < bodies.length; i += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.slice(i, i + 10).map((MessageBody, n) => ({ Id: String(n), MessageBody })),
      }),
    );
  }
};

const total = async (campaignId: string, candidateId: string) =>
  (await store.counters(campaignId, [candidateId])).reduce((s, r) => s + r.votes, 0);

const queuePair = () => {
  const name = `votes-test-${randomBytes(4).toString('hex')}`;
  return ensureQueueWithDlq(
    sqs,
    { queue: name, dlq: `${name}-dlq` },
    { visibilityTimeoutSeconds: 6, maxReceiveCount: 2, retentionDays: 1, dlqRetentionDays: 1 },
  );
};

describe('tally-votes behind the queue', () => {
  it('reports only the records that failed', async () => {
    const campaign = await votingCampaign();
    const good = sqsRecord(JSON.stringify(voteMessage(campaign.id, voter(), [['w1', 'window']])));
    const poison = sqsRecord('not json at all');
    // A vote whose status the door never decided is not a vote message either.
    const { votes, ...undecided } = voteMessage(campaign.id, voter(), [['w2', 'window']]);
    const notDecided = sqsRecord(
      JSON.stringify({ ...undecided, votes: votes.map(({ status: _status, ...vote }) => vote) }),
    );
    const response = await handler({ Records: [good, poison, notDecided] } as SQSEvent, context);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [poison.messageId, notDecided.messageId].sort(),
    );
    expect(await total(campaign.id, 'w1')).toBe(1);
  });

  it('counts duplicates on the queue once, sends a poison message to the DLQ, and the redrive loses nothing', async () => {
    const campaign = await votingCampaign();
    const { queueUrl, dlqUrl } = await queuePair();
    const messages = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify(voteMessage(campaign.id, voter(), [[`w${i % 2}`, 'window']])),
    );
    // Every message twice (as SQS may deliver it), and one poison message among them.
    await send(queueUrl, [...messages, 'poison', ...messages]);
    const poller = await startSqsPoller({
      client: sqs,
      queueUrl,
      region: 'us-east-1',
      batchSize: 25,
      maxBatchingWindowSeconds: 0.2,
      handler: (event) => handler(event, context),
      concurrency: 2,
      onError: () => undefined,
    });
    try {
      for (let i = 0; i < 300 && ((await queueDepth(queueUrl)) > 0 || (await queueDepth(dlqUrl)) < 1); i++)
        await sleep(200);
    } finally {
      await poller.stop();
    }
    expect(await queueDepth(queueUrl)).toBe(0);
    expect(await queueDepth(dlqUrl)).toBe(1);
    expect([await total(campaign.id, 'w0'), await total(campaign.id, 'w1')]).toEqual([20, 20]);

    // A vote that was dead-lettered comes back with the redrive and counts once.
    const late = JSON.stringify(voteMessage(campaign.id, voter(), [['w0', 'window']]));
    await send(dlqUrl, [late, messages[0]!]);
    const redrive = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/redrive-dlq.ts', '--from', dlqUrl, '--to', queueUrl],
      {
        cwd: resolve(import.meta.dirname, '../..'),
        env: process.env,
      },
    );
    expect(redrive.stdout).toMatch(/3/);
    const again = await startSqsPoller({
      client: sqs,
      queueUrl,
      region: 'us-east-1',
      batchSize: 25,
      maxBatchingWindowSeconds: 0.2,
      handler: (event) => handler(event, context),
      concurrency: 1,
      onError: () => undefined,
    });
    try {
      for (let i = 0; i < 300 && ((await queueDepth(queueUrl)) > 0 || (await queueDepth(dlqUrl)) < 1); i++)
        await sleep(200);
    } finally {
      await again.stop();
    }
    expect([await total(campaign.id, 'w0'), await total(campaign.id, 'w1')]).toEqual([21, 20]);
    expect(await queueDepth(dlqUrl)).toBe(1);
  }, 120_000);
});
