/** Helpers of the results tests that run against the local system. */
import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` every 250 ms until it returns a value; fails naming `what` after `seconds`. */
export const until = async <T>(what: string, probe: () => Promise<T | undefined>, seconds = 40): Promise<T> => {
  for (let i = 0; i < seconds * 4; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(250);
  }
  throw new Error(`Timed out waiting for ${what}`);
};
