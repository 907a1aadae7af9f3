/**
 * Bench-only route (never in functions/catalog.ts): POST /bench/floor sends the one SQS message a vote
 * request needs, of the same size, with the same SDK client, and does nothing else. The floor a
 * durable vote path cannot beat on this machine.
 */
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { getSqsClient } from '../../shared/aws/clients';

let queueUrl: Promise<string> | undefined;
/** Pads the body to about a vote message's size (voter, times, day, receipts). */
const PAD = 'x'.repeat(600);

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  queueUrl ??= getSqsClient()
    .send(new CreateQueueCommand({ QueueName: 'bench-floor' }))
    .then((r) => r.QueueUrl!);
  await getSqsClient().send(
    new SendMessageCommand({ QueueUrl: await queueUrl, MessageBody: JSON.stringify({ body: event.body, pad: PAD }) }),
  );
  return { statusCode: 202, headers: { 'content-type': 'application/json' }, body: '{"queued":true}' };
};
