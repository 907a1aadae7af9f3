/**
 * Bench-only route (never in functions/catalog.ts): POST /bench/floor does the I/O a vote decided at
 * the door cannot avoid (docs/counting.md) and nothing else: one conditional write on a ballot-shaped
 * item and one SendMessage of a vote message's size, with the same SDK clients. The floor a durable,
 * ordered vote path cannot beat on this machine.
 */
import { randomBytes } from 'node:crypto';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { getDocumentClient, getSqsClient } from '../../shared/aws/clients';

let queueUrl: Promise<string> | undefined;
/** Pads the body to about a vote message's size (voter, times, day, receipts). */
const PAD = 'x'.repeat(600);

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  queueUrl ??= getSqsClient()
    .send(new CreateQueueCommand({ QueueName: 'bench-floor' }))
    .then((r) => r.QueueUrl!);
  const receipt = randomBytes(20).toString('hex');
  await getDocumentClient().send(
    new UpdateCommand({
      TableName: process.env.TABLE_NAME!,
      Key: { pk: `BALLOT#bench-floor#${receipt}`, sk: '2019-07-28#window' },
      UpdateExpression: 'SET #c = :r, n = if_not_exists(n, :zero) + :one',
      ConditionExpression: 'attribute_not_exists(#c)',
      ExpressionAttributeNames: { '#c': 'c_floor' },
      ExpressionAttributeValues: { ':r': [`${receipt}-0`], ':zero': 0, ':one': 1 },
    }),
  );
  await getSqsClient().send(
    new SendMessageCommand({ QueueUrl: await queueUrl, MessageBody: JSON.stringify({ body: event.body, pad: PAD }) }),
  );
  return { statusCode: 202, headers: { 'content-type': 'application/json' }, body: '{"queued":true}' };
};
