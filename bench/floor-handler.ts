/**
 * The cold-start floor (bench only, never deployed): a middy handler that sends one SQS message and
 * does nothing else. A vote request cannot load less than this; bench/bundle-sizes.ts compares
 * the vote route's cold import with this one's.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const sqs = new SQSClient({});

export const handler = middy(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.VOTES_QUEUE_URL, MessageBody: event.body ?? '' }));
  return { statusCode: 202, body: '' };
});
