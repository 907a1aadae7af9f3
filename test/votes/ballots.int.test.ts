/**
 * Deciding at the door, against DynamoDB Local: the daily limits exactly, racing requests of one
 * voter, and acceptance order deciding whatever order and batches the queue delivers in.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../shared/campaigns/schema';
import { decideRequest } from '../../shared/votes/ballots';
import { castVotes } from '../../shared/votes/cast-votes';
import { createLanePool } from '../../shared/votes/counter-lanes';
import { startTallyRun } from '../../shared/votes/tally-votes';
import { createVelocityLimiter } from '../../shared/votes/velocity';
import type { VoteMessage } from '../../shared/votes/vote-message';
import { receiptIdOf } from '../../shared/votes/vote-message';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { approvedCandidates, requestId, voter, votingCampaign } from './support/fixtures';

const store = createVoteRepository({ tableName: process.env.TABLE_NAME! });
const lanes = createLanePool({ store, leaseMs: 30_000 });
const DAY = '2019-07-28';

/** Decides one request of `voterId` for these window candidates; returns the statuses. */
const decide = (campaign: Campaign, voterId: string, candidates: string[], day = DAY) => {
  const id = requestId();
  return decideRequest(
    {
      campaignId: campaign.id,
      voterId,
      day,
      issuedAt: new Date(`${day}T08:00:00+08:00`),
      votes: candidates.map((candidateId, i) => ({
        receiptId: receiptIdOf(id, i),
        candidateId,
        category: candidateId.startsWith('s') ? ('star' as const) : ('window' as const),
      })),
    },
    campaign.config.voting,
    store,
  );
};

describe('deciding votes on the ballot', () => {
  it('counts a first vote, refuses a second for the same candidate the same day, and allows it the next day', async () => {
    const campaign = await votingCampaign();
    const v = voter();
    expect(await decide(campaign, v, ['w1'])).toEqual(['counted']);
    expect(await decide(campaign, v, ['w1'])).toEqual(['duplicate']);
    expect(await decide(campaign, v, ['w1'], '2019-07-29')).toEqual(['counted']);
  });

  it('counts at most 5 candidates per category per voter per day; the other category is separate', async () => {
    const campaign = await votingCampaign();
    const v = voter();
    expect(await decide(campaign, v, ['w1', 'w2', 'w3', 'w4', 'w5'])).toEqual(Array(5).fill('counted'));
    expect(await decide(campaign, v, ['w6', 'w1', 's1'])).toEqual(['over_limit', 'duplicate', 'counted']);
  });

  it('decides racing requests of one voter exactly: 8 concurrent single votes, 5 counted', async () => {
    const campaign = await votingCampaign();
    const v = voter();
    const all = (await Promise.all(Array.from({ length: 8 }, (_, i) => decide(campaign, v, [`w${i}`])))).flat();
    expect(all.filter((s) => s === 'counted')).toHaveLength(5);
    expect(all.filter((s) => s === 'over_limit')).toHaveLength(3);
  });

  it('honours perCandidatePerDay above 1', async () => {
    const campaign = await votingCampaign({ voting: { perCandidatePerDay: 2 } });
    const v = voter();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(...(await decide(campaign, v, ['w1'])));
    expect(results).toEqual(['counted', 'counted', 'duplicate']);
  });
});

/** The vote path's dependencies for one campaign's window candidates, with the given queue send. */
const votePath = (campaign: Campaign, windows: string[], send: (m: VoteMessage) => Promise<void>) => ({
  campaign: async () => campaign,
  candidates: async () => new Map(windows.map((id) => [id, 'window' as const])),
  send,
  ballots: store,
  newRequestId: () => randomBytes(20).toString('hex'),
  velocity: {
    voter: createVelocityLimiter({ limit: 100, windowMs: 60_000 }),
    ip: createVelocityLimiter({ limit: 100, windowMs: 60_000 }),
  },
});

/** A new voter's session, begun now. */
const newSession = () => ({
  voterId: voter(),
  firstSeenAt: new Date(),
  issuedAt: new Date(),
  expiresAt: new Date(Date.now() + 3_600_000),
});

describe('acceptance order decides', () => {
  it('gives the acceptance-order outcome when the queue delivers one voter’s requests in reverse, in separate batches', async () => {
    const campaign = await votingCampaign();
    const windows = await approvedCandidates(campaign.id, 'window', 6);
    const sent: VoteMessage[] = [];
    const deps = votePath(campaign, windows, async (m) => void sent.push(m));
    const claims = newSession();
    // Five windows, then (after the 202) a sixth, then the first again.
    const answers = [];
    for (const ids of [windows.slice(0, 5), [windows[5]!], [windows[0]!]])
      answers.push((await castVotes(campaign.id, ids, claims, { ip: '10.0.0.9' }, deps)).map((r) => r.status));
    expect(answers).toEqual([Array(5).fill('counted'), ['over_limit'], ['duplicate']]);

    for (const m of [...sent].reverse()) {
      const run = startTallyRun({ store, lanes });
      await run.count(m.requestId, JSON.stringify(m));
      expect(await run.finish()).toEqual([]);
    }
    const ledger = await Promise.all(
      sent.map(async (m) => (await store.ledgerRequest(campaign.id, m.requestId))!.receipts),
    );
    expect(ledger.map((receipts) => receipts.map((r) => r.status))).toEqual(answers);
    const counts = new Map(windows.map((id) => [id, 0]));
    for (const row of await store.counters(campaign.id, windows))
      counts.set(row.candidateId, counts.get(row.candidateId)! + row.votes);
    expect([...counts.values()]).toEqual([1, 1, 1, 1, 1, 0]);
  });
});

describe('a send that fails after the queue took the message', () => {
  /** The vote path with a queue that stores the message and then reports a failure; `deliver` runs the consumer. */
  const setup = async () => {
    const campaign = await votingCampaign();
    const windows = await approvedCandidates(campaign.id, 'window', 2);
    const stored: VoteMessage[] = [];
    const deliver = async (m: VoteMessage) => {
      const run = startTallyRun({ store, lanes });
      await run.count(m.requestId, JSON.stringify(m));
      expect(await run.finish()).toEqual([]);
    };
    const deps = (send: (m: VoteMessage) => Promise<void>) => votePath(campaign, windows, send);
    const claims = newSession();
    const counted = async () => (await store.counters(campaign.id, windows)).reduce((sum, row) => sum + row.votes, 0);
    /** The same votes again, in a request the queue takes. */
    const voteAgain = async () =>
      (await castVotes(campaign.id, windows, claims, { ip: '10.0.0.9' }, deps(deliver))).map((r) => r.status);
    return { campaign, windows, stored, deliver, deps, claims, counted, voteAgain };
  };

  it('withdraws the request before the consumer sees it: no receipt, the places back, the late message not counted, the backlog 0', async () => {
    const { campaign, windows, stored, deliver, deps, claims, counted, voteAgain } = await setup();
    const failing = deps(async (m) => {
      stored.push(m);
      throw new Error('SendMessage timed out');
    });
    await expect(castVotes(campaign.id, windows, claims, { ip: '10.0.0.9' }, failing)).rejects.toThrow('timed out');
    await deliver(stored[0]!);
    expect(await counted()).toBe(0);
    expect((await store.ledgerRequest(campaign.id, stored[0]!.requestId))?.receipts).toEqual([]);
    expect(await store.uncounted(campaign.id)).toBe(0);
    // The places are free: the same votes count in a new request.
    expect(await voteAgain()).toEqual(['counted', 'counted']);
    expect(await counted()).toBe(2);
    expect(await store.uncounted(campaign.id)).toBe(0);
  });

  it('answers the receipts when the consumer claimed the request before the failure was known: counted once', async () => {
    const { campaign, windows, deliver, deps, claims, counted, voteAgain } = await setup();
    const failing = deps(async (m) => {
      await deliver(m);
      throw new Error('SendMessage timed out');
    });
    const receipts = await castVotes(campaign.id, windows, claims, { ip: '10.0.0.9' }, failing);
    expect(receipts.map((r) => r.status)).toEqual(['counted', 'counted']);
    expect(await counted()).toBe(2);
    expect(await store.uncounted(campaign.id)).toBe(0);
    // The voter's next request for the same candidates is a duplicate: the places stayed taken.
    expect(await voteAgain()).toEqual(['duplicate', 'duplicate']);
  });
});
