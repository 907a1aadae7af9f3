/** `npm run redrive-dlq` against local-aws-sqs, on a queue and DLQ of its own. */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { ensureQueueWithDlq } from '../../infra/local/resources';

const sqs = new SQSClient({});
const run = promisify(execFile);

const count = async (queueUrl: string) => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages);
};

describe('redrive-dlq', () => {
  it('moves every DLQ message back to the queue with its body and attributes, printing counts', {
    timeout: 60_000,
  }, async () => {
    const { queueUrl, dlqUrl } = await ensureQueueWithDlq(
      sqs,
      { queue: `redrive-${randomUUID()}`, dlq: `redrive-dlq-${randomUUID()}` },
      { visibilityTimeoutSeconds: 30, maxReceiveCount: 5, retentionDays: 1, dlqRetentionDays: 1 },
    );
    for (let batch = 0; batch < 3; batch++) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: dlqUrl,
          Entries: Array.from({ length: batch < 2 ? 10 : 5 }, (_, i) => ({
            Id: String(i),
            MessageBody: JSON.stringify({ vote: `${batch}-${i}` }),
            MessageAttributes: { campaign: { DataType: 'String', StringValue: 'jingmen-2019' } },
          })),
        }),
      );
    }

    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/redrive-dlq.ts', '--from', dlqUrl, '--to', queueUrl],
      { env: process.env },
    );

    expect(stdout).toContain('Done: 25 moved.');
    expect(await count(dlqUrl)).toBe(0);
    expect(await count(queueUrl)).toBe(25);
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, MessageAttributeNames: ['All'] }),
    );
    expect(JSON.parse(Messages[0]!.Body!)).toHaveProperty('vote');
    expect(Messages[0]!.MessageAttributes?.campaign?.StringValue).toBe('jingmen-2019');
  });
});
