/** Bench-only route: GET /bench/dynamodb-requests, the DynamoDB requests this process has sent so far. */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { requestCounts } from './request-counter';

export const handler = async (): Promise<APIGatewayProxyResult> => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(requestCounts()),
});
