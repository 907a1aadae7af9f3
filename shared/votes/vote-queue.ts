/** The votes queue, as the vote path sees it: one SendMessage per request. */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { getSqsClient } from '../aws/clients';
import type { VoteMessage } from './vote-message';

/** Sends the request's message; resolves once SQS has stored it (the vote is then never lost). */
export const createVoteQueue =
  ({ queueUrl, client = getSqsClient() }: { queueUrl: string; client?: SQSClient }) =>
  async (message: VoteMessage): Promise<void> => {
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
  };
