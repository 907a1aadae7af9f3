/**
 * The consumer's guarantees, against DynamoDB Local: limits enforced exactly, a message delivered
 * twice (one after the other, or at the same time) counts once, and a run that dies between the
 * vote writes and the counter write loses and doubles nothing once the batch comes back.
 */
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../shared/campaigns/schema';
import { startTallyRun, type TallyStore } from '../../shared/votes/tally-votes';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { voteMessage, voter, votingCampaign } from './support/fixtures';

const store = createVoteRepository({ tableName: process.env.TABLE_NAME! });
const LEASE = 30_000;

const runAt = (campaign: Campaign, at: Date, over: Partial<TallyStore> = {}) =>
  startTallyRun({
    store: { ...store, ...over },
    limits: async () => campaign.config.voting,
    leaseMs: LEASE,
    now: () => at,
  });

/** Counts the messages in one run; returns the ids to retry. */
const deliver = async (campaign: Campaign, messages: Array<{ id: string; body: string }>, at = new Date()) => {
  const run = runAt(campaign, at);
  const failed = new Set<string>();
  await Promise.all(messages.map((m) => run.count(m.id, m.body).catch(() => failed.add(m.id))));
  for (const id of await run.finish()) failed.add(id);
  return [...failed];
};

const totals = async (campaign: Campaign, candidates: string[]) => {
  const rows = await store.counters(campaign.id, candidates);
  return Object.fromEntries(
    candidates.map((c) => [c, rows.filter((r) => r.candidateId === c).reduce((s, r) => s + r.votes, 0)]),
  );
};

const statuses = async (requestId: string) => (await store.ledgerRequest(requestId))?.receipts.map((r) => r.status);

describe('tally-votes consumer', () => {
  it('counts a first vote, refuses a second for the same candidate the same day, and allows it the next day', async () => {
    const campaign = await votingCampaign();
    const v = voter();
    const first = voteMessage(campaign.id, v, [['w1', 'window']]);
    const again = voteMessage(campaign.id, v, [['w1', 'window']]);
    const nextDay = voteMessage(campaign.id, v, [['w1', 'window']], {
      day: '2019-07-29',
      acceptedAt: '2019-07-29T00:00:00+08:00',
    });
    for (const m of [first, again, nextDay])
      expect(await deliver(campaign, [{ id: m.requestId, body: JSON.stringify(m) }])).toEqual([]);
    expect(await statuses(first.requestId)).toEqual(['counted']);
    expect(await statuses(again.requestId)).toEqual(['duplicate']);
    expect(await statuses(nextDay.requestId)).toEqual(['counted']);
    expect(await totals(campaign, ['w1'])).toEqual({ w1: 2 });
  });

  it('counts at most 5 candidates per category per voter per day; the other category is separate', async () => {
    const campaign = await votingCampaign();
    const v = voter();
    const five = voteMessage(
      campaign.id,
      v,
      [1, 2, 3, 4, 5].map((i) => [`w${i}`, 'window'] as [string, 'window']),
    );
    const more = voteMessage(campaign.id, v, [
      ['w6', 'window'],
      ['w1', 'window'],
      ['s1', 'star'],
    ]);
    await deliver(campaign, [{ id: five.requestId, body: JSON.stringify(five) }]);
    await deliver(campaign, [{ id: more.requestId, body: JSON.stringify(more) }]);
    expect(await statuses(five.requestId)).toEqual(['counted', 'counted', 'counted', 'counted', 'counted']);
    expect(await statuses(more.requestId)).toEqual(['over_limit', 'duplicate', 'counted']);
    expect(await totals(campaign, ['w1', 'w5', 'w6', 's1'])).toEqual({ w1: 1, w5: 1, w6: 0, s1: 1 });
  });

  it('decides racing requests of one voter exactly: 8 concurrent single votes, 5 counted', async () => {
    const campaign = await votingCampaign();
    const v = voter();
    const messages = Array.from({ length: 8 }, (_, i) => voteMessage(campaign.id, v, [[`w${i}`, 'window']]));
    expect(
      await deliver(
        campaign,
        messages.map((m) => ({ id: m.requestId, body: JSON.stringify(m) })),
      ),
    ).toEqual([]);
    const all = (await Promise.all(messages.map((m) => statuses(m.requestId)))).flat();
    expect(all.filter((s) => s === 'counted')).toHaveLength(5);
    expect(all.filter((s) => s === 'over_limit')).toHaveLength(3);
  });

  it('honours perCandidatePerDay above 1', async () => {
    const campaign = await votingCampaign({ voting: { perCandidatePerDay: 2 } });
    const v = voter();
    const messages = [1, 2, 3].map(() => voteMessage(campaign.id, v, [['w1', 'window']]));
    for (const m of messages) await deliver(campaign, [{ id: m.requestId, body: JSON.stringify(m) }]);
    expect((await Promise.all(messages.map((m) => statuses(m.requestId)))).flat()).toEqual([
      'counted',
      'counted',
      'duplicate',
    ]);
    expect(await totals(campaign, ['w1'])).toEqual({ w1: 2 });
  });

  it('counts a message delivered twice, one after the other, once', async () => {
    const campaign = await votingCampaign();
    const m = voteMessage(campaign.id, voter(), [
      ['w1', 'window'],
      ['s1', 'star'],
    ]);
    const delivery = { id: 'msg-1', body: JSON.stringify(m) };
    expect(await deliver(campaign, [delivery])).toEqual([]);
    expect(await deliver(campaign, [delivery])).toEqual([]);
    expect(await statuses(m.requestId)).toEqual(['counted', 'counted']);
    expect(await totals(campaign, ['w1', 's1'])).toEqual({ w1: 1, s1: 1 });
  });

  it('counts a message delivered twice at the same time once; the late copy waits and then settles', async () => {
    const campaign = await votingCampaign();
    const m = voteMessage(campaign.id, voter(), [['w1', 'window']]);
    const now = new Date();
    const [a, b] = await Promise.all([
      deliver(campaign, [{ id: 'a', body: JSON.stringify(m) }], now),
      deliver(campaign, [{ id: 'b', body: JSON.stringify(m) }], now),
    ]);
    expect(await totals(campaign, ['w1'])).toEqual({ w1: 1 });
    // Whichever copy lost the race is retried later, and ends counted without adding again.
    for (const id of [...a, ...b])
      expect(await deliver(campaign, [{ id, body: JSON.stringify(m) }], new Date(now.getTime() + 3 * LEASE))).toEqual(
        [],
      );
    expect(await totals(campaign, ['w1'])).toEqual({ w1: 1 });
    expect(await statuses(m.requestId)).toEqual(['counted']);
  });

  it('loses and doubles nothing when a run dies after the vote writes and before the counter write', async () => {
    const campaign = await votingCampaign();
    const messages = Array.from({ length: 30 }, (_, i) =>
      voteMessage(campaign.id, voter(), [
        [`w${i % 4}`, 'window'],
        [`s${i % 3}`, 'star'],
      ]),
    );
    const batch = messages.map((m, i) => ({ id: `m${i}`, body: JSON.stringify(m) }));
    const started = new Date();
    // The run decides every vote, then dies: no finish(), no counter write, nothing deleted.
    const dying = runAt(campaign, started);
    await Promise.all(batch.map((m) => dying.count(m.id, m.body)));
    expect(await totals(campaign, ['w0', 's0'])).toEqual({ w0: 0, s0: 0 });
    // The batch comes back after the visibility timeout, split differently.
    const later = new Date(started.getTime() + 3 * LEASE);
    expect(await deliver(campaign, batch.slice(0, 17), later)).toEqual([]);
    expect(await deliver(campaign, batch.slice(10), later)).toEqual([]);
    expect(await totals(campaign, ['w0', 'w1', 'w2', 'w3', 's0', 's1', 's2'])).toEqual({
      w0: 8,
      w1: 8,
      w2: 7,
      w3: 7,
      s0: 10,
      s1: 10,
      s2: 10,
    });
    // And once more, all of it: still exact.
    expect(await deliver(campaign, batch, new Date(later.getTime() + 3 * LEASE))).toEqual([]);
    expect(await totals(campaign, ['w0', 's0'])).toEqual({ w0: 8, s0: 10 });
    for (const m of messages) expect(await statuses(m.requestId)).toEqual(['counted', 'counted']);
  });

  it('reports only the messages behind a failed counter write, and their retry completes the count', async () => {
    const campaign = await votingCampaign();
    const onW1 = voteMessage(campaign.id, voter(), [['w1', 'window']]);
    const onW2 = voteMessage(campaign.id, voter(), [['w2', 'window']]);
    const at = new Date();
    const run = runAt(campaign, at, {
      applyContribution: async (cid, candidateId, day, token, delta) => {
        if (candidateId === 'w1') throw new Error('throttled');
        return store.applyContribution(cid, candidateId, day, token, delta);
      },
    });
    await run.count('1', JSON.stringify(onW1));
    await run.count('2', JSON.stringify(onW2));
    expect(await run.finish()).toEqual(['1']);
    expect(await totals(campaign, ['w1', 'w2'])).toEqual({ w1: 0, w2: 1 });
    expect(
      await deliver(campaign, [{ id: '1', body: JSON.stringify(onW1) }], new Date(at.getTime() + 3 * LEASE)),
    ).toEqual([]);
    expect(await totals(campaign, ['w1', 'w2'])).toEqual({ w1: 1, w2: 1 });
  });

  it('writes no counter after its lease and leaves the votes to a later run', async () => {
    const campaign = await votingCampaign();
    const m = voteMessage(campaign.id, voter(), [['w1', 'window']]);
    const start = new Date();
    let clock = start;
    const run = startTallyRun({ store, limits: async () => campaign.config.voting, leaseMs: LEASE, now: () => clock });
    await run.count('x', JSON.stringify(m));
    clock = new Date(start.getTime() + LEASE + 1);
    expect(await run.finish()).toEqual(['x']);
    expect(await totals(campaign, ['w1'])).toEqual({ w1: 0 });
    expect(
      await deliver(campaign, [{ id: 'x', body: JSON.stringify(m) }], new Date(start.getTime() + 3 * LEASE)),
    ).toEqual([]);
    expect(await totals(campaign, ['w1'])).toEqual({ w1: 1 });
  });

  it('refuses a message that is not a vote message, alone', async () => {
    const campaign = await votingCampaign();
    const good = voteMessage(campaign.id, voter(), [['w1', 'window']]);
    expect(
      await deliver(campaign, [
        { id: 'bad', body: '{"not":"a vote"}' },
        { id: 'good', body: JSON.stringify(good) },
      ]),
    ).toEqual(['bad']);
    expect(await totals(campaign, ['w1'])).toEqual({ w1: 1 });
  });
});
