/**
 * The one wrapper every API handler uses: middy with Powertools logger and metrics, and the error
 * mapper registered last (so its onError runs first) that turns domain errors into API.md's
 * error format. Anything that is not a DomainError is a bug: a generic 500, logged with its stack.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { DomainError, ServiceUnavailableError, TooManyRequestsError } from '../errors';
import { logger, metrics } from '../powertools';
import { errorResponse, json } from './responses';

export type HttpEvent = APIGatewayProxyEvent;
export type HttpResult = APIGatewayProxyResult;
export type HttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** One metric per response by status class (2xx, 4xx, 5xx), so every invocation publishes something useful. */
const countResponse = (statusCode: number) =>
  metrics.addMetric(`Responses${Math.floor(statusCode / 100)}xx`, MetricUnit.Count, 1);

const errorMapper = (): middy.MiddlewareObj<HttpEvent, HttpResult> => ({
  after: async (request) => {
    if (request.response) countResponse(request.response.statusCode);
  },
  onError: async (request) => {
    const error = request.error;
    if (error instanceof DomainError) {
      const headers: Record<string, string> = {};
      if (error instanceof TooManyRequestsError || error instanceof ServiceUnavailableError)
        headers['retry-after'] = String(error.retryAfterSeconds);
      if (error instanceof ServiceUnavailableError) {
        // One metric per cause (SmsBudgetExhausted, SmsSendFailed...) to alarm on; the cause's
        // name only, as a provider's message may quote the phone number.
        metrics.addMetric(error.metric, MetricUnit.Count, 1);
        logger.warn('Service unavailable', { code: error.code, cause: (error.cause as Error | undefined)?.name });
      }
      logger.info('Request refused', { status: error.status, code: error.code, path: request.event.resource });
      request.response = errorResponse(error.status, error.code, error.text, error.details, headers);
      countResponse(error.status);
      return;
    }
    logger.error('Unhandled error', error as Error);
    request.response = json(500, {
      error: {
        code: 'INTERNAL',
        message: '服务出错，请稍后重试',
        messageEn: 'Something went wrong on our side; the request may be retried',
      },
    });
    countResponse(500);
  },
});

/** Wraps a route handler with logging, metrics and the error mapper. */
export const withHttp = (fn: HttpHandler) =>
  middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(errorMapper())
    .handler(fn);
