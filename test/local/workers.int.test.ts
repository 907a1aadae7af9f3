/**
 * The worker triggers: S3 ObjectCreated events from a real s3rver, the schedule tick, and the
 * runner that starts workers from their definitions by trigger type.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { S3Event, S3EventRecord, ScheduledEvent } from 'aws-lambda';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createS3Trigger, encodeS3EventKey } from '../../infra/local/s3-events';
import { startSchedule } from '../../infra/local/schedule';
import { startWorkers } from '../../infra/local/workers';

const waitFor = <T>(check: () => T | Promise<T>, timeout = 10_000) => vi.waitFor(check, { timeout, interval: 20 });

describe('S3 ObjectCreated events from s3rver', () => {
  const dir = mkdtempSync(join(tmpdir(), 's3rver-events-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory: dir, silent: true }) as S3rver & {
    on(event: 'event', listener: (event: { Records: S3EventRecord[] }) => void): void;
  };
  let s3: S3Client;
  const listeners: Array<(event: { Records: S3EventRecord[] }) => void> = [];

  beforeAll(async () => {
    const { port } = await server.run();
    server.on('event', (event) => listeners.forEach((listener) => listener(event)));
    s3 = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a real S3Event for objects under the prefix, with the key URL-encoded as S3 sends it', async () => {
    const events: S3Event[] = [];
    const trigger = createS3Trigger({
      bucket: 'uploads',
      prefix: 'incoming/',
      region: 'us-east-1',
      handler: async (e) => void events.push(e),
    });
    listeners.push((event) => trigger.deliver(event));
    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'elsewhere/skip.jpg', Body: 'x' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'uploads', Key: 'incoming/red flower (1)+照片.jpg', Body: 'jpeg bytes' }),
    );
    await waitFor(() => expect(events).toHaveLength(1));
    await trigger.drain();
    const [record] = events[0]!.Records;
    expect(record).toMatchObject({
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'uploads', arn: 'arn:aws:s3:::uploads' }, object: { size: 10 } },
    });
    expect(record!.s3.object.key).toBe('incoming/red+flower+(1)%2B%E7%85%A7%E7%89%87.jpg');
    expect(decodeURIComponent(record!.s3.object.key.replace(/\+/g, ' '))).toBe('incoming/red flower (1)+照片.jpg');
  });

  it('retries a failed invocation twice, then gives up and reports it', async () => {
    let attempts = 0;
    const reported: number[] = [];
    const trigger = createS3Trigger({
      bucket: 'uploads',
      prefix: 'retry/',
      region: 'us-east-1',
      retryDelaysMs: [10, 10],
      handler: async () => {
        attempts++;
        throw new Error('handler failed');
      },
      onError: (_, n) => reported.push(n),
    });
    listeners.push((event) => trigger.deliver(event));
    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'retry/a.jpg', Body: 'x' }));
    await waitFor(() => expect(reported).toEqual([3]));
    expect(attempts).toBe(3);
  });

  it('encodes keys like S3: slashes kept, spaces as +, the rest percent-encoded', () => {
    expect(encodeS3EventKey('a b/c+d/é.jpg')).toBe('a+b/c%2Bd/%C3%A9.jpg');
  });
});

describe('the schedule tick', () => {
  it('sends EventBridge scheduled events and never overlaps a slow tick', async () => {
    const events: ScheduledEvent[] = [];
    let running = 0;
    let maxRunning = 0;
    const schedule = startSchedule({
      id: 'stage-clock',
      everySeconds: 0.05,
      region: 'us-east-1',
      accountId: '123456789012',
      handler: async (event) => {
        maxRunning = Math.max(maxRunning, ++running);
        events.push(event);
        await new Promise((r) => setTimeout(r, 120));
        running--;
      },
    });
    await waitFor(() => expect(events.length).toBeGreaterThanOrEqual(3));
    await schedule.stop();
    expect(maxRunning).toBe(1);
    expect(events[0]).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      resources: ['arn:aws:events:us-east-1:123456789012:rule/stage-clock'],
      detail: {},
    });
    expect(events[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

describe('the worker runner', () => {
  it('starts each worker by its trigger type and calls its handler', async () => {
    const recorded: Array<Record<string, any>> = [];
    const handler = async (event: Record<string, any>) => void recorded.push(event);
    const sqs = new SQSClient({});
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `runner-${randomUUID()}` }));
    const s3Listeners: Array<(event: { Records: S3EventRecord[] }) => void> = [];
    const running = await startWorkers(
      [
        { id: 'Tick', handler, trigger: { type: 'schedule' } },
        { id: 'Consume', handler, trigger: { type: 'sqs', queue: 'votes' } },
        { id: 'Verify', handler, trigger: { type: 's3', bucket: 'uploads', prefix: 'campaigns/' } },
      ],
      {
        sqs,
        queueUrls: { votes: QueueUrl!, votesDlq: QueueUrl! },
        bucketNames: { uploads: 'the-uploads-bucket' },
        onS3Event: (listener) => s3Listeners.push(listener),
        tickSeconds: 0.05,
        pollers: 1,
      },
    );
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'vote' }));
    const s3Record = {
      eventName: 'ObjectCreated:Post',
      s3: {
        bucket: { name: 'the-uploads-bucket', arn: 'arn:aws:s3: : :the-uploads-bucket' },
        object: { key: 'campaigns/c 1/photo.jpg', size: 1 },
      },
    } as unknown as S3EventRecord;
    s3Listeners.forEach((listener) => listener({ Records: [s3Record] }));

    await waitFor(() => {
      expect(recorded.some((e) => e.source === 'aws.events')).toBe(true);
      expect(recorded.some((e) => e.Records?.[0]?.eventSource === 'aws:sqs' && e.Records[0].body === 'vote')).toBe(
        true,
      );
      expect(recorded.some((e) => e.Records?.[0]?.s3?.object?.key === 'campaigns/c+1/photo.jpg')).toBe(true);
    });
    await running.stop();
  });
});
