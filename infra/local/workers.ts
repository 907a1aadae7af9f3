/**
 * Runs every worker of the function catalog by its trigger type: SQS pollers, S3 event delivery and
 * clock ticks, each calling the worker's handler in this process as Lambda would.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { S3EventRecord } from 'aws-lambda';
import { votesQueue } from '../definitions';
import { DEFAULT_WORKER_TIMEOUT_SECONDS, type Worker } from '../../functions/runtime/function';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './environment';
import { type AnyHandler, invokeHandler } from './invoke';
import { createS3Trigger } from './s3-events';
import { startSchedule } from './schedule';
import { startSqsPoller } from './sqs-poller';

export interface WorkerDeps {
  sqs: SQSClient;
  queueUrls: { votes: string; votesDlq: string };
  bucketNames: { uploads: string };
  /** Subscribes to s3rver's object events. */
  onS3Event(listener: (event: { Records: S3EventRecord[] }) => void): void;
  tickSeconds: number;
  pollers: number;
}

export interface RunningWorkers {
  stop(): Promise<void>;
}

/** Starts each worker; `stop` ends them and waits for invocations in flight. */
/** A worker as the runner needs it: its trigger and limits, and its Lambda handler. */
export type RunnableWorker = Pick<Worker, 'id' | 'trigger' | 'timeoutSeconds' | 'memoryMb'> & { handler: AnyHandler };

export const startWorkers = async (workers: readonly RunnableWorker[], deps: WorkerDeps): Promise<RunningWorkers> => {
  const stops: Array<() => Promise<void>> = [];
  for (const worker of workers) {
    const timeout = worker.timeoutSeconds ?? DEFAULT_WORKER_TIMEOUT_SECONDS;
    const invoke = (event: unknown) => invokeHandler(worker.handler, event, worker.id, timeout, worker.memoryMb);
    const onError = (error: unknown) => console.error(`Worker ${worker.id} failed:`, error);
    const trigger = worker.trigger;
    switch (trigger.type) {
      case 'sqs': {
        const poller = await startSqsPoller({
          client: deps.sqs,
          queueUrl: deps.queueUrls[trigger.queue],
          region: LOCAL_REGION,
          ...(trigger.queue === 'votes'
            ? {
                batchSize: votesQueue.batchSize,
                maxBatchingWindowSeconds: votesQueue.maxBatchingWindowSeconds,
                concurrency: Math.min(deps.pollers, votesQueue.maxConcurrency),
              }
            : {
                batchSize: votesQueue.dlqBatchSize,
                maxBatchingWindowSeconds: 0,
                concurrency: votesQueue.dlqMaxConcurrency,
              }),
          handler: invoke,
          onError,
        });
        stops.push(() => poller.stop());
        break;
      }
      case 's3': {
        const s3Trigger = createS3Trigger({
          bucket: deps.bucketNames[trigger.bucket],
          prefix: trigger.prefix,
          region: LOCAL_REGION,
          handler: invoke,
          onError: (error, attempts) =>
            console.error(`Worker ${worker.id} failed ${attempts} times; the event is dropped:`, error),
        });
        deps.onS3Event((event) => s3Trigger.deliver(event));
        stops.push(() => s3Trigger.drain());
        break;
      }
      case 'schedule': {
        const schedule = startSchedule({
          id: worker.id,
          everySeconds: deps.tickSeconds,
          region: LOCAL_REGION,
          accountId: LOCAL_ACCOUNT_ID,
          handler: invoke,
          onError,
        });
        stops.push(() => schedule.stop());
        break;
      }
    }
  }
  return {
    async stop() {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
};
