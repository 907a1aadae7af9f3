/**
 * S3 event notifications, emulated: s3rver emits S3-shaped records for each object write; this
 * turns them into the `S3Event` real S3 sends (key URL-encoded, region, bucket ARN) and invokes
 * the handler asynchronously, retried twice on failure like Lambda's async invoke.
 */
import type { S3Event, S3EventRecord } from 'aws-lambda';

/** Real S3 URL-encodes the key in events (`red flower.jpg` arrives as `red+flower.jpg`). */
export const encodeS3EventKey = (key: string): string =>
  key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');

/** The record as S3 sends it, from s3rver's record (which carries the raw key). */
export const toS3EventRecord = (record: S3EventRecord, region: string): S3EventRecord => ({
  ...record,
  awsRegion: region,
  s3: {
    ...record.s3,
    bucket: { ...record.s3.bucket, arn: `arn:aws:s3:::${record.s3.bucket.name}` },
    object: { ...record.s3.object, key: encodeS3EventKey(record.s3.object.key) },
  },
});

export interface S3TriggerOptions {
  bucket: string;
  prefix: string;
  region: string;
  handler: (event: S3Event) => Promise<unknown>;
  /** Waits before each retry (Lambda waits about 1 and 2 minutes; locally seconds). */
  retryDelaysMs?: number[];
  onError?: (error: unknown, attempts: number) => void;
}

export interface S3Trigger {
  /** Feed it each event s3rver emits. */
  deliver(event: { Records: S3EventRecord[] }): void;
  /** Waits for the invocations in flight. */
  drain(): Promise<void>;
}

/** Delivers each ObjectCreated record in the bucket under the prefix as its own event. */
export const createS3Trigger = ({
  bucket,
  prefix,
  region,
  handler,
  retryDelaysMs = [1000, 2000],
  onError = console.error,
}: S3TriggerOptions): S3Trigger => {
  const inFlight = new Set<Promise<void>>();
  const invoke = async (event: S3Event): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await handler(event);
        return;
      } catch (error) {
        if (attempt >= retryDelaysMs.length) return onError(error, attempt + 1);
        await new Promise((r) => setTimeout(r, retryDelaysMs[attempt]));
      }
    }
  };
  return {
    deliver(event) {
      for (const record of event.Records) {
        if (!record.eventName.startsWith('ObjectCreated:')) continue;
        if (record.s3.bucket.name !== bucket || !record.s3.object.key.startsWith(prefix)) continue;
        const running = invoke({ Records: [toS3EventRecord(record, region)] });
        inFlight.add(running);
        void running.finally(() => inFlight.delete(running));
      }
    },
    async drain() {
      await Promise.all([...inFlight]);
    },
  };
};
