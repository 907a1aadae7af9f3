/**
 * GET votes/mine: today's decided receipts of the voter, each with its status, and the candidates left
 * per category; a request still in the queue is not listed (the consumer writes the voter's record).
 * The domain with fakes; the consumer's records and the ledger statuses against DynamoDB Local.
 */
import { describe, expect, it } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import type { Campaign } from '../../shared/campaigns/schema';
import { previousDay, shanghaiDay } from '../../shared/votes/days';
import { myVotes, QUEUED_NOT_LISTED, type VoterRequest } from '../../shared/votes/my-votes';
import type { VoteStatus } from '../../shared/votes/tally-votes';
import { createVoteRepository } from '../../shared/votes/vote-repository';
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

describe("the voter's own votes of today", () => {
  it('lists counted, duplicate, over_limit and voided receipts; a request still queued is not listed and holds no place', async () => {
    const requests: VoterRequest[] = [
      {
        requestId: 'r1',
        acceptedAt: '2019-07-28T09:00:00.000Z',
        receipts: [
          { receiptId: 'r1-0', candidateId: 'w1', category: 'window' },
          { receiptId: 'r1-1', candidateId: 'w2', category: 'window' },
          { receiptId: 'r1-2', candidateId: 's1', category: 'star' },
        ],
      },
      {
        requestId: 'r2',
        acceptedAt: '2019-07-28T10:00:00.000Z',
        receipts: [
          { receiptId: 'r2-0', candidateId: 'w1', category: 'window' },
          { receiptId: 'r2-1', candidateId: 'w4', category: 'window' },
          { receiptId: 'r2-2', candidateId: 'w5', category: 'window' },
        ],
      },
      // Recorded, but its ledger item has not landed yet: skipped, as a queued one.
      {
        requestId: 'r3',
        acceptedAt: '2019-07-28T11:00:00.000Z',
        receipts: [{ receiptId: 'r3-0', candidateId: 'w3', category: 'window' }],
      },
    ];
    const decided = new Map<string, VoteStatus>([
      ['r1-0', 'counted'],
      ['r1-1', 'voided'],
      ['r1-2', 'counted'],
      ['r2-0', 'duplicate'],
      ['r2-1', 'counted'],
      ['r2-2', 'over_limit'],
    ]);
    const asked: Array<[string, string, string]> = [];
    const mine = await myVotes(campaign, 'v1', {
      voterRequests: async (cid, voterId, day) => {
        asked.push([cid, voterId, day]);
        return requests;
      },
      decidedStatuses: async () => decided,
      now,
    });
    expect(asked).toEqual([['c1', 'v1', '2019-07-28']]);
    expect(mine.categories.window!.votes.map((v) => [v.receiptId, v.status])).toEqual([
      ['r1-0', 'counted'],
      ['r1-1', 'voided'],
      ['r2-0', 'duplicate'],
      ['r2-1', 'counted'],
      ['r2-2', 'over_limit'],
    ]);
    // w1 and w4 counted, w2 voided (still a place): 3 places of 3. Duplicates and over_limit take none.
    expect(mine.categories.window!.candidatesLeft).toBe(0);
    expect(mine.categories.star).toEqual({
      votes: [{ receiptId: 'r1-2', candidateId: 's1', status: 'counted', acceptedAt: '2019-07-28T09:00:00.000Z' }],
      candidatesLeft: 2,
    });
    expect(mine.queuedNotListed).toBe(QUEUED_NOT_LISTED);
  });

  it('counts only stored places: a voter whose votes are all queued has every place left', async () => {
    const mine = await myVotes(campaign, 'v1', {
      voterRequests: async () => [],
      decidedStatuses: async () => new Map(),
      now,
    });
    expect([mine.categories.window, mine.categories.star]).toEqual([
      { votes: [], candidatesLeft: 3 },
      { votes: [], candidatesLeft: 3 },
    ]);
  });

  it('has the consumer record each decided request in the voter’s own partition, per day, with statuses from the ledger', async () => {
    const store = createVoteRepository({ tableName: process.env.TABLE_NAME! });
    const cid = `mine-${voter()}`;
    const [a, b] = [voter(), voter()];
    // Times of today (TTL: records of 2019 would expire under the test's feet).
    const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
    const today = shanghaiDay(new Date());
    const first = voteMessage(
      cid,
      a,
      [
        ['w1', 'window'],
        ['w2', 'window', 'over_limit'],
      ],
      { day: today, acceptedAt: at(2000) },
    );
    const second = voteMessage(cid, a, [['w1', 'window', 'duplicate']], { day: today, acceptedAt: at(1000) });
    const queued = voteMessage(cid, a, [['w3', 'window']], { day: today, acceptedAt: at(500) });
    const yesterday = voteMessage(cid, a, [['w3', 'window']], {
      day: previousDay(today),
      acceptedAt: at(24 * 60 * 60 * 1000),
    });
    const others = voteMessage(cid, b, [['w1', 'window']], { day: today, acceptedAt: at(1500) });
    // One consumer batch (the same message twice, as a redelivery within a batch), and `queued` never decided.
    for (const m of [second, first, first, yesterday, others]) await store.claim(m, '0:0');
    await store.recordVoterRequests([second, first, first, yesterday, others]);

    const requests = await store.voterRequests(cid, a, today);
    expect(requests.map((r) => r.requestId)).toEqual([first.requestId, second.requestId]);
    expect(requests[0]!.receipts).toEqual(first.votes.map(({ status: _status, ...receipt }) => receipt));
    expect(requests.map((r) => r.requestId)).not.toContain(queued.requestId);

    const statuses = await store.decidedStatuses(
      cid,
      requests.map((r) => r.requestId),
    );
    expect([...statuses]).toEqual(
      expect.arrayContaining([
        [first.votes[0]!.receiptId, 'counted'],
        [first.votes[1]!.receiptId, 'over_limit'],
        [second.votes[0]!.receiptId, 'duplicate'],
      ]),
    );
    expect(statuses.size).toBe(3);
  });
});
