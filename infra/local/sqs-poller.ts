/**
 * Lambda's SQS event source mapping, emulated: long-poll the queue, gather up to `batchSize`
 * messages within the batching window, call the handler with a real `SQSEvent`, delete what
 * succeeded. Failures stay in the queue, invisible until the visibility timeout, and the queue's
 * redrive policy moves them to the DLQ after `maxReceiveCount` receives.
 */
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';

export type SqsBatchHandler = (event: SQSEvent) => Promise<unknown>;

export interface SqsPollerOptions {
  client: SQSClient;
  queueUrl: string;
  region: string;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  handler: SqsBatchHandler;
  /** Concurrent pollers, like the function's scaling (default 2). */
  concurrency?: number;
  /** Logs a failed invocation (never message bodies). */
  onError?: (error: unknown) => void;
}

export interface SqsPoller {
  /** Stops polling (within the poll wait) and waits for batches in flight to finish. */
  stop(): Promise<void>;
}

const MAX_PER_RECEIVE = 10;
const MAX_WAIT_SECONDS = 20;

const toRecord = (message: Message, queueArn: string, region: string): SQSRecord => {
  const attributes = message.Attributes ?? {};
  const messageAttributes: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType ?? 'String',
    };
  }
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'LOCAL',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(attributes.MessageGroupId ? { MessageGroupId: attributes.MessageGroupId } : {}),
      ...(attributes.MessageDeduplicationId ? { MessageDeduplicationId: attributes.MessageDeduplicationId } : {}),
      ...(attributes.SequenceNumber ? { SequenceNumber: attributes.SequenceNumber } : {}),
      ...(attributes.AWSTraceHeader ? { AWSTraceHeader: attributes.AWSTraceHeader } : {}),
    },
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
};

/**
 * The records to delete after an invocation: all on success, none when the handler threw or its
 * `batchItemFailures` names a record not in the batch (Lambda then fails the whole batch).
 */
export const succeededRecords = (
  records: SQSRecord[],
  outcome: { threw: true } | { threw: false; result: unknown },
): SQSRecord[] => {
  if (outcome.threw) return [];
  const failures = (outcome.result as Partial<SQSBatchResponse> | undefined)?.batchItemFailures;
  if (!Array.isArray(failures)) return records;
  const ids = new Set(records.map((r) => r.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown })?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) return [];
    failed.add(id);
  }
  return records.filter((r) => !failed.has(r.messageId));
};

/** Starts `concurrency` pollers on the queue. */
export const startSqsPoller = async (options: SqsPollerOptions): Promise<SqsPoller> => {
  const {
    client,
    queueUrl,
    region,
    batchSize,
    maxBatchingWindowSeconds,
    handler,
    concurrency = 2,
    onError = console.error,
  } = options;
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queueArn = Attributes?.QueueArn ?? queueUrl;
  let stopping = false;

  const receive = async (max: number, waitSeconds: number): Promise<Message[]> => {
    const { Messages } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(MAX_PER_RECEIVE, max),
        WaitTimeSeconds: waitSeconds,
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    return Messages ?? [];
  };

  /**
   * Polls until a first message comes, then gathers more until the batch is full or the window
   * (counted from the start of that poll) closes. The poll waits at most max(1 s, window):
   * local-aws-sqs holds a long poll open until it has MaxNumberOfMessages or the wait is over
   * (real SQS answers as soon as one message is there), and a short wait keeps `stop` prompt.
   */
  const gather = async (): Promise<Message[]> => {
    const pollSeconds = Math.min(MAX_WAIT_SECONDS, Math.max(1, Math.ceil(maxBatchingWindowSeconds)));
    const windowEnds = Date.now() + maxBatchingWindowSeconds * 1000;
    const batch = await receive(batchSize, pollSeconds);
    while (batch.length > 0 && batch.length < batchSize && Date.now() < windowEnds && !stopping) {
      const more = await receive(batchSize - batch.length, 0);
      if (more.length === 0) await new Promise((r) => setTimeout(r, 50));
      batch.push(...more);
    }
    return batch;
  };

  const deleteRecords = async (records: SQSRecord[]): Promise<void> => {
    for (let i = 0; i < records.length; i += MAX_PER_RECEIVE) {
      const chunk = records.slice(i, i + MAX_PER_RECEIVE);
      const result = await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: chunk.map((r, n) => ({ Id: String(n), ReceiptHandle: r.receiptHandle })),
        }),
      );
      if (result.Failed?.length)
        onError(new Error(`Could not delete ${result.Failed.length} processed messages; they will be redelivered`));
    }
  };

  const loop = async (): Promise<void> => {
    while (!stopping) {
      try {
        const messages = await gather();
        if (messages.length === 0) continue;
        const records = messages.map((m) => toRecord(m, queueArn, region));
        let outcome: { threw: true } | { threw: false; result: unknown };
        try {
          outcome = { threw: false, result: await handler({ Records: records }) };
        } catch (error) {
          onError(error);
          outcome = { threw: true };
        }
        await deleteRecords(succeededRecords(records, outcome));
      } catch (error) {
        if (stopping) return;
        onError(error);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };

  const loops = Array.from({ length: concurrency }, () => loop());
  return {
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
  };
};
