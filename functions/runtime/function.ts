/**
 * Functions that are not HTTP routes: queue consumers, S3 event handlers, the clock tick and the
 * staff authorizer. Same composition: declared uses, typed dependencies built once per process.
 */
import type { Context } from 'aws-lambda';
import { createContainer, type DepsOf, type Overrides, type Uses } from './adapter';

export type WorkerTrigger =
  | { type: 'sqs'; queue: 'votes' | 'votesDlq' }
  | { type: 's3'; bucket: 'uploads'; prefix: string }
  | { type: 'schedule' };

/** A worker's timeout unless it sets one (the stack and the local runner both use this). */
export const DEFAULT_WORKER_TIMEOUT_SECONDS = 60;

export type EventHandler<E = never, R = unknown> = (event: E, context: Context) => Promise<R>;

export interface FunctionSpec<U extends Uses, E, R> {
  id: string;
  uses: U;
  handle: (deps: DepsOf<U>) => EventHandler<E, R>;
  timeoutSeconds?: number;
  memoryMb?: number;
}

export interface WorkerSpec<U extends Uses, E, R> extends FunctionSpec<U, E, R> {
  trigger: WorkerTrigger;
}

/** A function with its dependency types erased, as the stack and the local system see it. */
export interface AppFunction {
  id: string;
  uses: Uses;
  handle: (deps: never) => EventHandler<never, unknown>;
  timeoutSeconds?: number;
  memoryMb?: number;
}

export interface Worker extends AppFunction {
  trigger: WorkerTrigger;
}

export const defineFunction = <U extends Uses, E, R>(spec: FunctionSpec<U, E, R>): AppFunction =>
  spec as unknown as AppFunction;

export const defineWorker = <U extends Uses, E, R>(spec: WorkerSpec<U, E, R>): Worker => spec as unknown as Worker;

/** The Lambda handler of a function: dependencies built on the first event, once per process. */
export const serveFunction = <E = never, R = unknown>(
  fn: AppFunction,
  { overrides }: { overrides?: Overrides } = {},
) => {
  const container = createContainer(overrides);
  let handler: EventHandler<E, R> | undefined;
  return (event: E, context: Context): Promise<R> => {
    handler ??= (fn.handle as (deps: unknown) => EventHandler<E, R>)(container.deps(fn.uses));
    return handler(event, context);
  };
};
