/**
 * The one wrapper every API handler uses: middy with Powertools logger and metrics, and the error
 * mapper registered last (so its onError runs first) that turns domain errors into API.md's
 * error format. Anything that is not a DomainError is a bug: a generic 500, logged with its stack.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { DomainError, TooManyRequestsError } from '../errors';
import { logger, metrics } from '../powertools';
import { errorResponse, json } from './responses';

export type HttpEvent = APIGatewayProxyEvent;
export type HttpResult = APIGatewayProxyResult;
export type HttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

const errorMapper = (): middy.MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: async (request) => {
    const error = request.error;
    if (error instanceof DomainError) {
      const headers: Record<string, string> = {};
      if (error instanceof TooManyRequestsError) headers['retry-after'] = String(error.retryAfterSeconds);
      logger.info('Request refused', { status: error.status, code: error.code, path: request.event.resource });
      request.response = errorResponse(error.status, error.code, error.message, error.details, headers);
      return;
    }
    logger.error('Unhandled error', error as Error);
    request.response = json(500, {
      error: { code: 'INTERNAL', message: 'Something went wrong on our side; the request may be retried' },
    });
  },
});

/** Wraps a route handler with logging, metrics and the error mapper. */
export const withHttp = (fn: HttpHandler) =>
  middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(errorMapper())
    .handler(fn);
