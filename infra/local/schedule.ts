/**
 * The EventBridge schedule, emulated: a clock tick that calls the handler with a `ScheduledEvent`
 * every N seconds. A tick never overlaps the previous one: the next waits until it has finished.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';

export interface ScheduleOptions {
  id: string;
  everySeconds: number;
  region: string;
  accountId: string;
  handler: (event: ScheduledEvent) => Promise<unknown>;
  onError?: (error: unknown) => void;
}

export interface Schedule {
  /** Stops ticking and waits for a tick in flight. */
  stop(): Promise<void>;
}

/** The event EventBridge sends for a scheduled rule (time to the second, no detail). */
export const scheduledEvent = (
  ruleArn: string,
  region: string,
  accountId: string,
  now = new Date(),
): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: accountId,
  time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region,
  resources: [ruleArn],
  detail: {},
});

/** Starts ticking; the first tick comes after one period. */
export const startSchedule = ({
  id,
  everySeconds,
  region,
  accountId,
  handler,
  onError = console.error,
}: ScheduleOptions): Schedule => {
  const ruleArn = `arn:aws:events:${region}:${accountId}:rule/${id}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        await handler(scheduledEvent(ruleArn, region, accountId));
      } catch (error) {
        onError(error);
      }
      if (!stopped) timer = setTimeout(tick, everySeconds * 1000);
    })();
  };
  timer = setTimeout(tick, everySeconds * 1000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
