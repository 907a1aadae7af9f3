/**
 * The consumer's guarantees, against DynamoDB Local: a message delivered twice (one after the
 * other, or at the same time) counts once, and a run that dies between its claims and its counter
 * writes, or part-way through them, or runs past its lease, loses and doubles nothing once the
 * batch comes back, split differently, to another process.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLanePool, type LaneStore } from '../../shared/votes/counter-lanes';
import { startTallyRun } from '../../shared/votes/tally-votes';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { voteMessage, voter, votingCampaign } from './support/fixtures';

// Lanes of their own: this file runs on a clock of its own, ahead of the other files' processes.
const store = createVoteRepository({
  tableName: process.env.TABLE_NAME!,
  laneGroup: `test-${randomBytes(4).toString('hex')}`,
});
const LEASE = 30_000;
let clock = Date.now();

/** One process of the consumer: its own lanes, on the test's clock. */
const consumer = (laneStore: LaneStore = store) =>
  createLanePool({ store: laneStore, leaseMs: LEASE, now: () => clock });
const main = consumer();

/** Counts the messages in one run; returns the ids to retry. */
const deliver = async (messages: Array<{ id: string; body: string }>, lanes = main) => {
  const run = startTallyRun({ store, lanes, now: () => clock });
  const failed = new Set<string>();
  await Promise.all(messages.map((m) => run.count(m.id, m.body).catch(() => failed.add(m.id))));
  for (const id of await run.finish()) failed.add(id);
  return [...failed];
};

const totals = async (campaignId: string, candidates: string[]) => {
  const rows = await store.counters(campaignId, candidates);
  return Object.fromEntries(
    candidates.map((c) => [c, rows.filter((r) => r.candidateId === c).reduce((s, r) => s + r.votes, 0)]),
  );
};

const statuses = async (campaignId: string, requestId: string) =>
  (await store.ledgerRequest(campaignId, requestId))?.receipts.map((r) => r.status);

/** 30 requests of two votes each over 4 window and 3 star candidates, as one batch. */
const thirty = (campaignId: string) => {
  const messages = Array.from({ length: 30 }, (_, i) =>
    voteMessage(campaignId, voter(), [
      [`w${i % 4}`, 'window'],
      [`s${i % 3}`, 'star'],
    ]),
  );
  return { messages, batch: messages.map((m, i) => ({ id: `m${i}`, body: JSON.stringify(m) })) };
};
const THIRTY = { w0: 8, w1: 8, w2: 7, w3: 7, s0: 10, s1: 10, s2: 10 };

describe('tally-votes consumer', () => {
  it('counts the votes decided counted, records the others in the ledger, and counts nothing else', async () => {
    const campaign = await votingCampaign();
    const m = voteMessage(campaign.id, voter(), [
      ['w1', 'window'],
      ['w2', 'window', 'duplicate'],
      ['s1', 'star', 'over_limit'],
    ]);
    expect(await deliver([{ id: 'a', body: JSON.stringify(m) }])).toEqual([]);
    expect(await statuses(campaign.id, m.requestId)).toEqual(['counted', 'duplicate', 'over_limit']);
    expect(await totals(campaign.id, ['w1', 'w2', 's1'])).toEqual({ w1: 1, w2: 0, s1: 0 });
  });

  it('counts a message delivered twice, one after the other, once', async () => {
    const campaign = await votingCampaign();
    const m = voteMessage(campaign.id, voter(), [
      ['w1', 'window'],
      ['s1', 'star'],
    ]);
    const delivery = { id: 'msg-1', body: JSON.stringify(m) };
    expect(await deliver([delivery])).toEqual([]);
    expect(await deliver([delivery])).toEqual([]);
    expect(await deliver([delivery], consumer())).toEqual([]);
    expect(await statuses(campaign.id, m.requestId)).toEqual(['counted', 'counted']);
    expect(await totals(campaign.id, ['w1', 's1'])).toEqual({ w1: 1, s1: 1 });
  });

  it('counts a message delivered twice in one batch, and twice at the same time in two processes, once', async () => {
    const campaign = await votingCampaign();
    const m = voteMessage(campaign.id, voter(), [['w1', 'window']]);
    const body = JSON.stringify(m);
    expect(
      await deliver([
        { id: 'a', body },
        { id: 'b', body },
      ]),
    ).toEqual([]);
    const n = voteMessage(campaign.id, voter(), [['w2', 'window']]);
    const [a, b] = await Promise.all([
      deliver([{ id: 'a', body: JSON.stringify(n) }], consumer()),
      deliver([{ id: 'b', body: JSON.stringify(n) }], consumer()),
    ]);
    expect(await totals(campaign.id, ['w1', 'w2'])).toEqual({ w1: 1, w2: 1 });
    // Whichever copy met the other's claim while it ran is retried later, and ends without adding again.
    clock += 3 * LEASE;
    for (const id of [...a, ...b]) expect(await deliver([{ id, body: JSON.stringify(n) }], consumer())).toEqual([]);
    expect(await totals(campaign.id, ['w1', 'w2'])).toEqual({ w1: 1, w2: 1 });
  });

  it('loses and doubles nothing when a run dies after its claims and before its counter writes', async () => {
    const campaign = await votingCampaign();
    const { messages, batch } = thirty(campaign.id);
    const dying = consumer({
      ...store,
      addToCounter: async () => {
        throw new Error('the process died');
      },
    });
    expect((await deliver(batch, dying)).sort()).toEqual(batch.map((m) => m.id).sort());
    expect(await totals(campaign.id, ['w0', 's0'])).toEqual({ w0: 0, s0: 0 });
    // The batch comes back after the visibility timeout, split differently, to another process.
    clock += 3 * LEASE;
    const other = consumer();
    expect(await deliver(batch.slice(0, 17), other)).toEqual([]);
    expect(await deliver(batch.slice(10), other)).toEqual([]);
    expect(await totals(campaign.id, Object.keys(THIRTY))).toEqual(THIRTY);
    // And once more, all of it, elsewhere: still exact.
    expect(await deliver(batch, consumer())).toEqual([]);
    expect(await totals(campaign.id, Object.keys(THIRTY))).toEqual(THIRTY);
    for (const m of messages) expect(await statuses(campaign.id, m.requestId)).toEqual(['counted', 'counted']);
  });

  it('loses and doubles nothing when a run dies part-way through its counter writes', async () => {
    const campaign = await votingCampaign();
    const { batch } = thirty(campaign.id);
    let written = 0;
    const dying = consumer({
      ...store,
      addToCounter: async (...args) => {
        if (args[0].campaignId === campaign.id && written++ >= 3) throw new Error('the process died');
        return store.addToCounter(...args);
      },
    });
    expect(await deliver(batch, dying)).toHaveLength(30);
    const partial = await totals(campaign.id, Object.keys(THIRTY));
    expect(Object.values(partial).filter((n) => n > 0)).toHaveLength(3);
    clock += 3 * LEASE;
    expect(await deliver(batch.slice(5), consumer())).toEqual([]);
    expect(await deliver(batch.slice(0, 5), consumer())).toEqual([]);
    expect(await totals(campaign.id, Object.keys(THIRTY))).toEqual(THIRTY);
  });

  it('writes no counter after its lease; the votes are counted once, by whoever comes after', async () => {
    const campaign = await votingCampaign();
    const m = voteMessage(campaign.id, voter(), [['w1', 'window']]);
    const slow = consumer({
      ...store,
      addToCounter: async (...args) => {
        clock += LEASE + 1; // the run stalls before its write
        return store.addToCounter(...args);
      },
    });
    // The lease passes during the first write: the write that was in flight lands, no other.
    const n = voteMessage(campaign.id, voter(), [
      ['w2', 'window'],
      ['w3', 'window'],
    ]);
    expect(
      (
        await deliver(
          [
            { id: 'x', body: JSON.stringify(m) },
            { id: 'y', body: JSON.stringify(n) },
          ],
          slow,
        )
      ).sort(),
    ).toEqual(['x', 'y']);
    const after = await totals(campaign.id, ['w1', 'w2', 'w3']);
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(1);
    clock += 2 * LEASE;
    expect(
      await deliver(
        [
          { id: 'x', body: JSON.stringify(m) },
          { id: 'y', body: JSON.stringify(n) },
        ],
        consumer(),
      ),
    ).toEqual([]);
    expect(await totals(campaign.id, ['w1', 'w2', 'w3'])).toEqual({ w1: 1, w2: 1, w3: 1 });
  });

  it('refuses a message that is not a vote message, alone', async () => {
    const campaign = await votingCampaign();
    const good = voteMessage(campaign.id, voter(), [['w1', 'window']]);
    expect(
      await deliver([
        { id: 'bad', body: '{"not":"a vote"}' },
        { id: 'good', body: JSON.stringify(good) },
      ]),
    ).toEqual(['bad']);
    expect(await totals(campaign.id, ['w1'])).toEqual({ w1: 1 });
  });
});
