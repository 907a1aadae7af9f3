/**
 * Moves messages from the votes DLQ back to the votes queue, printing counts as it goes. The DLQ's
 * worker (functions/votes/keep-dead-votes.ts) normally empties the DLQ into the table, where an admin
 * retries them (POST /campaigns/{cid}/dead-votes/retry); this is for what it could not keep.
 *
 *   npm run redrive-dlq                                 the local system running on .local-data/
 *   npm run redrive-dlq -- --data-dir DIR               the local system running on DIR
 *   npm run redrive-dlq -- --from DLQ_URL --to QUEUE_URL [--max N]
 *
 * Without --from/--to it uses VOTES_DLQ_URL and VOTES_QUEUE_URL from the environment (AWS, with
 * the usual credentials and AWS_REGION), else the running local system's. A message is deleted
 * from the DLQ only after the queue accepted it, so an interrupted run loses nothing (a message
 * may at worst be sent twice; the tally consumer counts each vote once).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { RUNNING_FILE } from '../infra/local/environment';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    max: { type: 'string' },
    'data-dir': { type: 'string', default: '.local-data' },
  },
});

/** The running local system's environment, when no queue URLs were given. */
const localEnvironment = (): Record<string, string> | undefined => {
  const file = join(values['data-dir'], RUNNING_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { env: Record<string, string> }).env : undefined;
};

const main = async (): Promise<void> => {
  if (!(values.from ?? process.env.VOTES_DLQ_URL)) {
    const env = localEnvironment();
    if (!env)
      throw new Error(
        'Give --from DLQ_URL --to QUEUE_URL, set VOTES_DLQ_URL and VOTES_QUEUE_URL, or start the local system (npm start)',
      );
    Object.assign(process.env, env);
  }
  const from = values.from ?? process.env.VOTES_DLQ_URL!;
  const to = values.to ?? process.env.VOTES_QUEUE_URL;
  if (!to) throw new Error('Give --to QUEUE_URL or set VOTES_QUEUE_URL');
  const max = values.max ? Number(values.max) : Infinity;
  const sqs = new SQSClient({});
  console.log(`Moving messages from ${from}\n                  to ${to}`);

  let moved = 0;
  let failed = 0;
  while (moved < max) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: from,
        MaxNumberOfMessages: Math.min(10, max - moved),
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
      }),
    );
    if (Messages.length === 0) break;
    const byId = new Map<string, Message>(Messages.map((m, i) => [String(i), m]));
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: to,
        Entries: [...byId].map(([id, m]) => ({
          Id: id,
          MessageBody: m.Body ?? '',
          MessageAttributes: m.MessageAttributes,
          ...(m.Attributes?.MessageGroupId ? { MessageGroupId: m.Attributes.MessageGroupId } : {}),
          ...(m.Attributes?.MessageDeduplicationId
            ? { MessageDeduplicationId: m.Attributes.MessageDeduplicationId }
            : {}),
        })),
      }),
    );
    const ok = (sent.Successful ?? []).map((s) => byId.get(s.Id!)!);
    if (ok.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: from,
          Entries: ok.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
    moved += ok.length;
    failed += sent.Failed?.length ?? 0;
    console.log(
      `moved ${ok.length}${sent.Failed?.length ? `, ${sent.Failed.length} not accepted (left in the DLQ)` : ''}; total ${moved}`,
    );
    // Messages the queue refused stay invisible for 60 s, so the loop ends instead of spinning on them.
  }
  console.log(`Done: ${moved} moved${failed ? `, ${failed} left in the DLQ` : ''}.`);
  if (failed) process.exitCode = 1;
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
