/**
 * Calling a handler module the way Lambda does: the module is imported once per process (a warm
 * container), and each call gets a fresh Lambda-like context.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './environment';

// biome-ignore lint/suspicious/noExplicitAny: a handler of any Lambda event shape (API, SQS, S3, schedule)
export type AnyHandler = (event: any, context: Context) => Promise<unknown>;

const ROOT = resolve(import.meta.dirname, '../..');
const modules = new Map<string, Promise<AnyHandler>>();

/** The `handler` export of a module named relative to the repository root, imported once. */
export const loadHandler = (entry: string): Promise<AnyHandler> => {
  let loaded = modules.get(entry);
  if (!loaded) {
    loaded = import(pathToFileURL(resolve(ROOT, entry)).href).then((module: { handler?: unknown }) => {
      if (typeof module.handler !== 'function') throw new Error(`${entry} exports no handler function`);
      return module.handler as AnyHandler;
    });
    loaded.catch(() => modules.delete(entry));
    modules.set(entry, loaded);
  }
  return loaded;
};

/** The function name Lambda would show: the entry without folders and extension. */
export const functionNameOf = (entry: string): string => entry.replace(/^.*\//, '').replace(/\.[tj]s$/, '');

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
