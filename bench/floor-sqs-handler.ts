/**
 * The cold-start floor as issue 8 names it (bench only, never deployed): a middy handler with the
 * SQS client only, sending one message. bench/bundle-sizes.ts compares the vote route with it, and
 * with bench/floor-handler.ts (the vote's whole unavoidable I/O since votes are decided at the door).
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const sqs = new SQSClient({});

export const handler = middy(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.VOTES_QUEUE_URL, MessageBody: event.body ?? '' }));
  return { statusCode: 202, body: '' };
});
