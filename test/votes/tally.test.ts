import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/auth/actor';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import { campaignIn } from '../support/campaign';
import type { Campaign, Category, Stage } from '../../shared/campaigns/schema';
import { ForbiddenError } from '../../shared/errors';
import { readTally } from '../../shared/votes/tally';

const campaign = (stage: Stage, liveCounts: Campaign['config']['voting']['liveCounts']): Campaign =>
  campaignIn(stage, { voting: { ...campaign2019.voting, liveCounts } });
const admin: Actor = { sub: 'a', username: 'admin', name: 'Admin', roles: ['admin'] };
const now = new Date('2019-07-28T15:00:00+08:00');
const deps = {
  candidates: async () => new Map<string, Category>([['w1', 'window']]),
  // 3 votes yesterday, 2 today.
  counters: async () => [
    { candidateId: 'w1', day: '2019-07-27', votes: 3 },
    { candidateId: 'w1', day: '2019-07-28', votes: 2 },
  ],
  now: () => now,
};
const w1 = (tally: Awaited<ReturnType<typeof readTally>>) =>
  tally.candidates.find((c) => c.candidateId === 'w1')!.votes;

describe('the tally as each caller may see it', () => {
  it('hides counts from the public while voting when liveCounts is hidden, not from admins', async () => {
    await expect(readTally(campaign('voting', 'hidden'), undefined, deps)).rejects.toBeInstanceOf(ForbiddenError);
    const forAdmin = await readTally(campaign('voting', 'hidden'), admin, deps);
    expect([forAdmin.mode, forAdmin.liveCounts, w1(forAdmin)]).toEqual(['live', 'hidden', 5]);
  });

  it('shows the public the live counts, reported as live, from announcement on whatever liveCounts says', async () => {
    for (const stage of ['announcement', 'awarded'] as const) {
      for (const setting of ['hidden', 'daily', 'live'] as const) {
        const tally = await readTally(campaign(stage, setting), undefined, deps);
        expect({
          stage,
          setting,
          mode: tally.mode,
          liveCounts: tally.liveCounts,
          votes: w1(tally),
          asOf: tally.asOf,
        }).toEqual({
          stage,
          setting,
          mode: 'live',
          liveCounts: setting,
          votes: 5,
          asOf: now.toISOString(),
        });
      }
    }
  });

  it('shows the public the daily snapshot (as of Shanghai midnight) until the results are public, admins the live counts', async () => {
    for (const stage of ['voting', 'scoring'] as const) {
      const tally = await readTally(campaign(stage, 'daily'), undefined, deps);
      expect([tally.mode, tally.liveCounts, w1(tally), tally.asOf]).toEqual([
        'daily',
        'daily',
        3,
        '2019-07-27T16:00:00.000Z',
      ]);
    }
    const forAdmin = await readTally(campaign('voting', 'daily'), admin, deps);
    expect([forAdmin.mode, w1(forAdmin)]).toEqual(['live', 5]);
  });
});
