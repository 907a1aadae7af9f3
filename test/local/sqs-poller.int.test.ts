/**
 * The SQS poller against local-aws-sqs, each test with its own queue and DLQ (3 s visibility
 * timeout, redrive after 2 receives) and a test handler that records what it was given.
 * The visibility timeout must outlast a poll plus the batching window, as on AWS.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureQueueWithDlq } from '../../infra/local/resources';
import { startSqsPoller, succeededRecords, type SqsBatchHandler, type SqsPoller } from '../../infra/local/sqs-poller';

const sqs = new SQSClient({});
const VISIBILITY_SECONDS = 3;
const MAX_RECEIVES = 2;

let poller: SqsPoller | undefined;
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

const makeQueues = () =>
  ensureQueueWithDlq(
    sqs,
    { queue: `poller-${randomUUID()}`, dlq: `poller-dlq-${randomUUID()}` },
    {
      visibilityTimeoutSeconds: VISIBILITY_SECONDS,
      maxReceiveCount: MAX_RECEIVES,
      retentionDays: 1,
      dlqRetentionDays: 1,
    },
  );

const send = async (queueUrl: string, bodies: string[]) => {
  for (let i = 0; i < bodies.length; i += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.slice(i, i + 10).map((body, n) => ({
          Id: String(n),
          MessageBody: body,
          MessageAttributes: { kind: { DataType: 'String', StringValue: 'test' } },
        })),
      }),
    );
  }
};

/** Messages in the queue, visible or in flight (local-aws-sqs counts both). */
const countIn = async (queueUrl: string): Promise<number> => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages);
};

/** Starts a poller whose handler records each invocation and answers with `respond`. */
const poll = async (
  queueUrl: string,
  respond: (records: SQSRecord[], call: number) => SQSBatchResponse | void,
  batchSize = 10,
  windowSeconds = 0,
) => {
  const calls: SQSRecord[][] = [];
  const handler: SqsBatchHandler = async (event: SQSEvent) => {
    calls.push(event.Records);
    return respond(event.Records, calls.length);
  };
  poller = await startSqsPoller({
    client: sqs,
    queueUrl,
    region: 'us-east-1',
    batchSize,
    maxBatchingWindowSeconds: windowSeconds,
    handler,
    concurrency: 2,
    onError: () => undefined,
  });
  return calls;
};

const bodiesOf = (records: SQSRecord[]) => records.map((r) => r.body).sort();
const waitFor = <T>(check: () => T | Promise<T>, timeout = 15_000) => vi.waitFor(check, { timeout, interval: 50 });

describe('the SQS poller', () => {
  it('hands the handler real SQS records: ids, body, receive count, attributes, source ARN', async () => {
    const { queueUrl } = await makeQueues();
    await send(queueUrl, ['one']);
    const calls = await poll(queueUrl, () => undefined);
    await waitFor(() => expect(calls).toHaveLength(1));
    const [record] = calls[0]!;
    expect(record).toMatchObject({
      body: 'one',
      eventSource: 'aws:sqs',
      eventSourceARN: expect.stringMatching(/^arn:aws:sqs:us-east-1:\d+:poller-/),
      awsRegion: 'us-east-1',
      md5OfBody: createHash('md5').update('one').digest('hex'),
      attributes: expect.objectContaining({
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d+$/),
      }),
      messageAttributes: {
        kind: { dataType: 'String', stringValue: 'test', stringListValues: [], binaryListValues: [] },
      },
    });
    expect(record!.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record!.receiptHandle).not.toBe('');
  });

  it('gathers up to the batch size within the batching window, beyond the 10 per receive', async () => {
    const { queueUrl } = await makeQueues();
    const bodies = Array.from({ length: 25 }, (_, i) => `m${i}`);
    await send(queueUrl, bodies);
    const calls = await poll(queueUrl, () => undefined, 25, 1);
    await waitFor(() => expect(calls.flat()).toHaveLength(25));
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(Math.max(...calls.map((c) => c.length))).toBeGreaterThan(10);
    await waitFor(async () => expect(await countIn(queueUrl)).toBe(0));
  });

  it('deletes the successes of a partial batch failure: only the failed records come back', async () => {
    const { queueUrl } = await makeQueues();
    await send(queueUrl, ['ok-1', 'ok-2', 'fail-1', 'ok-3', 'fail-2']);
    const calls = await poll(queueUrl, (records, call) => ({
      batchItemFailures:
        call === 1
          ? records.filter((r) => r.body.startsWith('fail')).map((r) => ({ itemIdentifier: r.messageId }))
          : [],
    }));
    await waitFor(() => expect(calls.flat()).toHaveLength(7));
    const redelivered = calls.flat().slice(5);
    expect(bodiesOf(redelivered)).toEqual(['fail-1', 'fail-2']);
    expect(redelivered.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['2', '2']);
    await waitFor(async () => expect(await countIn(queueUrl)).toBe(0));
  });

  it('redelivers a failed record only after the visibility timeout, counted from its receive', async () => {
    const { queueUrl } = await makeQueues();
    await send(queueUrl, ['retry-me']);
    const seenAt: number[] = [];
    const calls = await poll(queueUrl, (records, call) => {
      seenAt.push(Date.now());
      return { batchItemFailures: call === 1 ? [{ itemIdentifier: records[0]!.messageId }] : [] };
    });
    await waitFor(() => expect(seenAt).toHaveLength(2));
    const firstReceivedAt = Number(calls[0]![0]!.attributes.ApproximateFirstReceiveTimestamp);
    expect(seenAt[1]! - firstReceivedAt).toBeGreaterThanOrEqual(VISIBILITY_SECONDS * 1000);
    expect(calls[1]![0]!.attributes.ApproximateReceiveCount).toBe('2');
  });

  it('leaves a record that always fails to the DLQ after maxReceiveCount receives', async () => {
    const { queueUrl, dlqUrl } = await makeQueues();
    await send(queueUrl, ['poison', 'fine']);
    const calls = await poll(queueUrl, (records) => ({
      batchItemFailures: records.filter((r) => r.body === 'poison').map((r) => ({ itemIdentifier: r.messageId })),
    }));
    const inDlq = await waitFor(async () => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }),
      );
      expect(Messages).toHaveLength(1);
      return Messages;
    });
    expect(inDlq[0]!.Body).toBe('poison');
    expect(calls.flat().filter((r) => r.body === 'poison')).toHaveLength(MAX_RECEIVES);
    expect(calls.flat().filter((r) => r.body === 'fine')).toHaveLength(1);
  });

  it('deletes nothing when the handler throws: the whole batch comes back', async () => {
    const { queueUrl } = await makeQueues();
    await send(queueUrl, ['a', 'b', 'c']);
    const calls = await poll(queueUrl, (_, call) => {
      if (call === 1) throw new Error('handler failed');
    });
    await waitFor(() => expect(calls.flat()).toHaveLength(6));
    const again = calls.flat().slice(3);
    expect(bodiesOf(again)).toEqual(['a', 'b', 'c']);
    expect(again.every((r) => r.attributes.ApproximateReceiveCount === '2')).toBe(true);
  });
});

describe('which records the poller deletes', () => {
  const records = ['m1', 'm2'].map((messageId) => ({ messageId }) as SQSRecord);

  it('deletes every record when the handler returns nothing or no failures', () => {
    expect(succeededRecords(records, { threw: false, result: undefined })).toEqual(records);
    expect(succeededRecords(records, { threw: false, result: { batchItemFailures: [] } })).toEqual(records);
  });

  it('deletes none when a failure names a record not in the batch, as Lambda fails the whole batch', () => {
    expect(
      succeededRecords(records, { threw: false, result: { batchItemFailures: [{ itemIdentifier: 'other' }] } }),
    ).toEqual([]);
    expect(
      succeededRecords(records, { threw: false, result: { batchItemFailures: [{ itemIdentifier: '' }] } }),
    ).toEqual([]);
  });

  it('deletes none when the handler threw', () => {
    expect(succeededRecords(records, { threw: true })).toEqual([]);
  });
});
