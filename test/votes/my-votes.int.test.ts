/**
 * GET votes/mine: today's decided receipts of the voter, each with its status, and the candidates left
 * per category; a request still in the queue is not listed. The voter's requests are named by the
 * ballots' receipts (a request with a counted vote) and by the consumer's records (a request with none);
 * each is listed from its ledger item. The domain with fakes; the door, the consumer and the ledger
 * against DynamoDB Local.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import type { Campaign, Category } from '../../shared/campaigns/schema';
import { type BallotState, decideRequest } from '../../shared/votes/ballots';
import { createLanePool, type LedgerRequest } from '../../shared/votes/counter-lanes';
import { previousDay, shanghaiDay } from '../../shared/votes/days';
import { myVotes, QUEUED_NOT_LISTED } from '../../shared/votes/my-votes';
import { startTallyRun } from '../../shared/votes/tally-votes';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { receiptIdOf, type VoteMessage } from '../../shared/votes/vote-message';
import { voteMessage, voter } from './support/fixtures';

const campaign: Campaign = {
  id: 'c1',
  stage: 'voting',
  config: { ...campaign2019, voting: { ...campaign2019.voting, candidatesPerCategoryPerDay: 3 } },
  stageChangedAt: '2019-07-27T00:00:00+08:00',
  createdAt: '2019-04-01T00:00:00+08:00',
  createdBy: 'admin',
  version: 1,
};
const now = () => new Date('2019-07-28T15:00:00+08:00');
const rid = (n: number) => n.toString(16).padStart(40, '0');
const ballot = (receipts: Record<string, string[]>): BallotState => ({
  receipts: new Map(Object.entries(receipts)),
  distinct: Object.keys(receipts).length,
});
const ledgerItem = (
  n: number,
  acceptedAt: string,
  receipts: Array<[candidateId: string, category: Category, status: LedgerRequest['receipts'][number]['status']]>,
): LedgerRequest => ({
  campaignId: 'c1',
  requestId: rid(n),
  voterId: 'v1',
  day: '2019-07-28',
  acceptedAt,
  receipts: receipts.map(([candidateId, category, status], i) => ({
    receiptId: receiptIdOf(rid(n), i),
    candidateId,
    category,
    status,
  })),
});

describe("the voter's own votes of today", () => {
  it('lists counted, duplicate, over_limit and voided receipts; a request still queued is not listed and holds no place', async () => {
    // r1 and r2 have counted votes (their receipts are on the ballots; r1-1 was voided since), r3 is on a ballot but
    // still queued (no ledger item), r4 counted nothing (recorded by the consumer).
    const ballots = new Map<Category, BallotState>([
      ['window', ballot({ w1: [`${rid(1)}-0`], w2: [`${rid(1)}-1`], w4: [`${rid(2)}-1`], w3: [`${rid(3)}-0`] })],
      ['star', ballot({ s1: [`${rid(1)}-2`] })],
    ]);
    const ledger = [
      ledgerItem(2, '2019-07-28T10:00:00.000Z', [
        ['w1', 'window', 'duplicate'],
        ['w4', 'window', 'counted'],
        ['w5', 'window', 'over_limit'],
      ]),
      ledgerItem(4, '2019-07-28T12:00:00.000Z', [['w6', 'window', 'over_limit']]),
      ledgerItem(1, '2019-07-28T09:00:00.000Z', [
        ['w1', 'window', 'counted'],
        ['w2', 'window', 'voided'],
        ['s1', 'star', 'counted'],
      ]),
    ];
    const asked: unknown[] = [];
    const mine = await myVotes(campaign, 'v1', {
      ballots: async (cid, voterId, day) => {
        asked.push(['ballots', cid, voterId, day]);
        return ballots;
      },
      voterRequests: async (cid, voterId, day) => {
        asked.push(['records', cid, voterId, day]);
        return [rid(4)];
      },
      ledgerItems: async (keys) => {
        asked.push(['ledger', keys.map((k) => k.requestId).sort()]);
        return ledger.filter((item) => keys.some((k) => k.campaignId === 'c1' && k.requestId === item.requestId));
      },
      now,
    });
    expect(asked).toEqual([
      ['ballots', 'c1', 'v1', '2019-07-28'],
      ['records', 'c1', 'v1', '2019-07-28'],
      ['ledger', [rid(1), rid(2), rid(3), rid(4)]],
    ]);
    expect(mine.categories.window!.votes.map((v) => [v.receiptId, v.status])).toEqual([
      [`${rid(1)}-0`, 'counted'],
      [`${rid(1)}-1`, 'voided'],
      [`${rid(2)}-0`, 'duplicate'],
      [`${rid(2)}-1`, 'counted'],
      [`${rid(2)}-2`, 'over_limit'],
      [`${rid(4)}-0`, 'over_limit'],
    ]);
    // w1 and w4 counted, w2 voided (still a place): 3 places of 3. Duplicates, over_limit and queued ones take none.
    expect(mine.categories.window!.candidatesLeft).toBe(0);
    expect(mine.categories.star).toEqual({
      votes: [
        { receiptId: `${rid(1)}-2`, candidateId: 's1', status: 'counted', acceptedAt: '2019-07-28T09:00:00.000Z' },
      ],
      candidatesLeft: 2,
    });
    expect(mine.queuedNotListed).toBe(QUEUED_NOT_LISTED);
  });

  it('counts only stored places: a voter whose votes are all queued has every place left', async () => {
    const mine = await myVotes(campaign, 'v1', {
      ballots: async () => new Map(),
      voterRequests: async () => [],
      ledgerItems: async () => {
        throw new Error('nothing to read');
      },
      now,
    });
    expect([mine.categories.window, mine.categories.star]).toEqual([
      { votes: [], candidatesLeft: 3 },
      { votes: [], candidatesLeft: 3 },
    ]);
  });

  it('lists what the door decided and the consumer counted, from the ballots, the consumer’s records and the ledger', async () => {
    const store = createVoteRepository({
      tableName: process.env.TABLE_NAME!,
      laneGroup: `test-${randomBytes(4).toString('hex')}`,
    });
    const cid = `mine-${voter()}`;
    const [a, b] = [voter(), voter()];
    // Times of today (TTL: records of 2019 would expire under the test's feet).
    const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
    const today = shanghaiDay(new Date());
    const limits = { perCandidatePerDay: 1, candidatesPerCategoryPerDay: 2 };
    const thisCampaign = {
      ...campaign,
      id: cid,
      config: { ...campaign.config, voting: { ...campaign.config.voting, ...limits } },
    };
    /** The vote route's decision on the voter's ballot: the message carries its statuses. */
    const door = async (
      voterId: string,
      votes: Array<[string, Category]>,
      options: { day: string; acceptedAt: string },
    ): Promise<VoteMessage> => {
      const m = voteMessage(cid, voterId, votes, options);
      const statuses = await decideRequest(
        { campaignId: cid, voterId, day: options.day, votes: m.votes, issuedAt: new Date(options.acceptedAt) },
        limits,
        store,
      );
      return { ...m, votes: m.votes.map((v, i) => ({ ...v, status: statuses[i]! })) };
    };
    const first = await door(
      a,
      [
        ['w1', 'window'],
        ['w2', 'window'],
        ['s1', 'star'],
      ],
      { day: today, acceptedAt: at(3000) },
    );
    const second = await door(
      a,
      [
        ['w1', 'window'],
        ['w3', 'window'],
      ],
      { day: today, acceptedAt: at(2000) },
    );
    const queued = await door(a, [['s2', 'star']], { day: today, acceptedAt: at(500) });
    const yesterday = await door(a, [['w3', 'window']], { day: previousDay(today), acceptedAt: at(86_400_000) });
    const others = await door(b, [['w1', 'window']], { day: today, acceptedAt: at(1500) });
    expect([first, second, queued].map((m) => m.votes.map((v) => v.status))).toEqual([
      ['counted', 'counted', 'counted'],
      ['duplicate', 'over_limit'],
      ['counted'],
    ]);

    // One consumer batch (the same message twice, as a redelivery within a batch); `queued` never counted.
    const run = startTallyRun({ store, lanes: createLanePool({ store, leaseMs: 30_000 }) });
    for (const [i, m] of [second, first, first, yesterday, others].entries())
      await run.count(`m${i}`, JSON.stringify(m));
    expect(await run.finish()).toEqual([]);
    // Only the request with no counted vote is recorded: the ballots name the others.
    expect(await store.voterRequests(cid, a, today)).toEqual([second.requestId]);
    expect(await store.voterRequests(cid, b, today)).toEqual([]);
    const request = (await store.ledgerRequest(cid, first.requestId))!;
    expect(await store.voidReceipt(request, first.votes[1]!.receiptId, 'void-1', '63:1')).toBe(true);

    const mine = await myVotes(thisCampaign, a, { ...store, now: () => new Date() });
    expect(mine.categories.window!.votes.map((v) => [v.receiptId, v.status, v.acceptedAt])).toEqual([
      [first.votes[0]!.receiptId, 'counted', first.acceptedAt],
      [first.votes[1]!.receiptId, 'voided', first.acceptedAt],
      [second.votes[0]!.receiptId, 'duplicate', second.acceptedAt],
      [second.votes[1]!.receiptId, 'over_limit', second.acceptedAt],
    ]);
    expect(mine.categories.window!.candidatesLeft).toBe(0);
    // s2 is on the ballot but still queued: not listed, no place held.
    expect(mine.categories.star).toEqual({
      votes: [
        { receiptId: first.votes[2]!.receiptId, candidateId: 's1', status: 'counted', acceptedAt: first.acceptedAt },
      ],
      candidatesLeft: 1,
    });
  });
});
