/** Helpers of the results tests that run against the local system. */
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { api } from '../support/api';

/** Polls `probe` every 250 ms until it returns a value; fails naming `what` after `seconds`. */
export const until = async <T>(what: string, probe: () => Promise<T | undefined>, seconds = 40): Promise<T> => {
  for (let i = 0; i < seconds * 4; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(250);
  }
  throw new Error(`Timed out waiting for ${what}`);
};

/** A voter session for a fresh mobile number, through the API (code read from the local outbox). */
export const voterToken = async (): Promise<string> => {
  const phone = `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
  expect((await api('POST', '/voter/otp', { body: { phone } })).status).toBe(202);
  const code = await until(
    'the code',
    async () => (await api('GET', `/local/outbox?phone=${phone}`)).body.messages?.[0]?.code as string | undefined,
  );
  const session = await api('POST', '/voter/session', { body: { phone, code } });
  expect(session.status, JSON.stringify(session.body)).toBe(200);
  return session.body.token;
};

/** Requests a results computation through the API and waits for the worker to finish it; the computed version. */
export const computeThroughApi = async (cid: string, token: string): Promise<number> => {
  const requested = await api('POST', `/campaigns/${cid}/results/compute`, { token });
  expect(requested.status, JSON.stringify(requested.body)).toBe(202);
  expect(requested.body).toMatchObject({
    state: expect.stringMatching(/^(queued|running)$/),
    progress: `/campaigns/${cid}/results/compute`,
  });
  const job = await until(
    'the worker to compute the results',
    async () => {
      const status = await api('GET', requested.body.progress, { token });
      expect(status.status).toBe(200);
      return status.body.jobId === requested.body.jobId && ['done', 'failed'].includes(status.body.state)
        ? status.body
        : undefined;
    },
    90,
  );
  expect(job, JSON.stringify(job)).toMatchObject({ state: 'done', votesRead: expect.any(Number) });
  return job.version;
};
