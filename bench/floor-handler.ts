/**
 * The cold-start floor (bench only, never deployed): a middy handler that does a vote's unavoidable
 * I/O (one conditional ballot write, one SQS message) and nothing else. A vote request cannot load
 * less than this; bench/bundle-sizes.ts compares the vote route's cold import with this one's.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const sqs = new SQSClient({});
const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = middy(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  await dynamodb.send(
    new UpdateCommand({
      TableName: process.env.TABLE_NAME,
      Key: { pk: 'BALLOT#floor', sk: event.requestContext.requestId },
      UpdateExpression: 'SET n = :one',
      ConditionExpression: 'attribute_not_exists(n)',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.VOTES_QUEUE_URL, MessageBody: event.body ?? '' }));
  return { statusCode: 202, body: '' };
});
