/**
 * Calling a handler the way Lambda does: each call gets a fresh Lambda-like context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './environment';

// biome-ignore lint/suspicious/noExplicitAny: a handler of any Lambda event shape (API, SQS, S3, schedule)
export type AnyHandler = (event: any, context: Context) => Promise<unknown>;

/** A Lambda-like context: request id, names, remaining time. */
export const lambdaContext = (functionName: string, timeoutSeconds: number, memoryMb = 1024): Context => {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const unsupported = () => {
    throw new Error('Return a promise: the callback-style context methods are not supported');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
};

const running = new AsyncLocalStorage<string>();

/**
 * Calls a handler as Lambda does, with a fresh context; while it runs, `runningFunction()` names the function (the
 * benchmarks meter DynamoDB by the function that asks, as CloudWatch would per function).
 */
export const invokeHandler = (
  handler: AnyHandler,
  event: unknown,
  functionName: string,
  timeoutSeconds: number,
  memoryMb?: number,
): Promise<unknown> =>
  running.run(functionName, () => handler(event, lambdaContext(functionName, timeoutSeconds, memoryMb)));

/** The function whose invocation the calling code runs in (the local system only); undefined outside one. */
export const runningFunction = (): string | undefined => running.getStore();
