/**
 * The vote path's candidate index is kept fresh by the clock tick (functions/campaigns/advance-stages.ts), so the vote
 * route reads the small index item and not the nominations: against DynamoDB Local, through the deployed handler.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/campaigns/advance-stages';
import { lambdaContext } from '../../infra/local/invoke';
import { createBallotRepository } from '../../shared/votes/ballot-repository';
import { createCandidateIndex } from '../../shared/votes/candidate-index';
import { approvedCandidates, votingCampaign } from './support/fixtures';

const store = createBallotRepository({ tableName: process.env.TABLE_NAME! });
const tick = () =>
  handler(
    { 'detail-type': 'Scheduled Event' } as ScheduledEvent as never,
    lambdaContext('AdvanceStages', 60) as Context,
  );

describe('the candidate index', () => {
  it('is rebuilt by the clock tick for a campaign in voting, and not for one in publicity', async () => {
    const voting = await votingCampaign();
    const publicity = await votingCampaign({ stage: 'publicity' });
    const windows = await approvedCandidates(voting.id, 'window', 2);
    const stars = await approvedCandidates(voting.id, 'star', 1);
    await approvedCandidates(publicity.id, 'window', 1);
    const before = Date.now();
    await tick();
    const index = await store.candidateIndex(voting.id);
    expect(index?.candidates).toEqual({ [windows[0]!]: 'window', [windows[1]!]: 'window', [stars[0]!]: 'star' });
    expect(index!.builtAt).toBeGreaterThanOrEqual(before);
    expect(await store.candidateIndex(publicity.id)).toBeUndefined();

    // A candidate approved since reaches the index at the next tick; the vote path reads the item as it is meanwhile.
    const [late] = await approvedCandidates(voting.id, 'window', 1);
    let partitionReads = 0;
    const read = createCandidateIndex({
      store,
      listApproved: async () => {
        partitionReads += 1;
        return [];
      },
      maxAgeMs: 5 * 60_000,
    });
    expect((await read(voting.id)).has(late!)).toBe(false);
    await tick();
    expect((await read(voting.id)).get(late!)).toBe('window');
    expect(partitionReads).toBe(0);
  });

  it('is rebuilt by the vote path itself when missing or older than its limit (a tick late)', async () => {
    const voting = await votingCampaign();
    const [w] = await approvedCandidates(voting.id, 'window', 1);
    let now = Date.now();
    const read = createCandidateIndex({
      store,
      listApproved: async () => [{ id: w!, category: 'window' }],
      maxAgeMs: 5 * 60_000,
      now: () => now,
    });
    expect((await read(voting.id)).get(w!)).toBe('window');
    const built = (await store.candidateIndex(voting.id))!.builtAt;
    now += 6 * 60_000;
    await read(voting.id);
    expect((await store.candidateIndex(voting.id))!.builtAt).toBe(now);
    expect(built).toBeLessThan(now);
  });
});
