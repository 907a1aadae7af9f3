import { describe, expect, it } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import type { Campaign, Category } from '../../shared/campaigns/schema';
import { ConflictError, RuleViolationError, TooManyRequestsError } from '../../shared/errors';
import { castVotesRoute } from '../../functions/votes/cast-votes';
import { needsOf } from '../../functions/runtime/adapter';
import { castVotes, votingClosedError } from '../../shared/votes/cast-votes';
import { decideVote, type BallotState, type BallotStore } from '../../shared/votes/ballots';
import { createVelocityLimiter } from '../../shared/votes/velocity';
import type { VoteMessage } from '../../shared/votes/vote-message';

const campaign = (over: Partial<Campaign> = {}, autoAdvance = false): Campaign => ({
  id: 'c1',
  stage: 'voting',
  config: { ...campaign2019, autoAdvance },
  stageChangedAt: '2019-07-27T00:00:00+08:00',
  createdAt: '2019-04-01T00:00:00+08:00',
  createdBy: 'admin',
  version: 1,
  ...over,
});
const voter = {
  voterId: 'v1',
  firstSeenAt: new Date('2019-07-27T08:00:00+08:00'),
  issuedAt: new Date('2019-07-28T08:00:00+08:00'),
  expiresAt: new Date('2019-07-29T00:00:00+08:00'),
};
const candidates = new Map<string, Category>([
  ['w1', 'window'],
  ['w2', 'window'],
  ['s1', 'star'],
]);

/**
 * The ballots in memory, with DynamoDB's conditions (the same writes run against DynamoDB Local in
 * ballots.int.test.ts).
 */
const memoryBallots = (): BallotStore & { items: Map<string, BallotState>; claimed: Set<string> } => {
  const items = new Map<string, BallotState>();
  const claimed = new Set<string>();
  const id = (k: { voterId: string; day: string; category: string }) => `${k.voterId}|${k.day}|${k.category}`;
  const copy = (b: BallotState | undefined) =>
    b && { receipts: new Map([...b.receipts].map(([c, l]) => [c, [...l]])), distinct: b.distinct };
  return {
    items,
    async addFirstVotes(key, votes, limits) {
      const b = items.get(id(key));
      if (
        votes.some((v) => b?.receipts.has(v.candidateId)) ||
        (b?.distinct ?? 0) + votes.length > limits.candidatesPerCategoryPerDay
      )
        return { ok: false, state: copy(b) };
      const next = copy(b) ?? { receipts: new Map(), distinct: 0 };
      for (const v of votes) next.receipts.set(v.candidateId, [v.receiptId]);
      next.distinct += votes.length;
      items.set(id(key), next);
      return { ok: true };
    },
    async addRepeatVote(key, vote, limits) {
      const b = items.get(id(key));
      const list = b?.receipts.get(vote.candidateId);
      if (!list || list.length >= limits.perCandidatePerDay || list.includes(vote.receiptId))
        return { ok: false, state: copy(b) };
      list.push(vote.receiptId);
      return { ok: true };
    },
    /** Requests the consumer claimed before a failed send was withdrawn. */
    claimed,
    async withdrawRequest(request) {
      return !claimed.has(request.requestId);
    },
    async removeVotes(key, votes) {
      const b = items.get(id(key));
      for (const v of votes) {
        const list = b?.receipts.get(v.candidateId)?.filter((r) => r !== v.receiptId);
        if (!b || !list) continue;
        if (list.length === 0) {
          b.receipts.delete(v.candidateId);
          b.distinct -= 1;
        } else b.receipts.set(v.candidateId, list);
      }
    },
  };
};

let requestNo = 0;
const deps = (c: Campaign, sent: VoteMessage[] = [], now = new Date('2019-07-28T23:59:59+08:00')) => ({
  ballots: memoryBallots(),
  campaign: async () => c,
  candidates: async () => candidates,
  send: async (m: VoteMessage) => void sent.push(m),
  newRequestId: () => (requestNo++).toString(16).padStart(40, 'a'),
  velocity: {
    voter: createVelocityLimiter({ limit: 2, windowMs: 60_000 }),
    ip: createVelocityLimiter({ limit: 100, windowMs: 60_000 }),
  },
  now: () => now,
});

describe('the vote path', () => {
  it('decides the request on the ballot, sends one message stamped with the Shanghai day, and returns final receipts', async () => {
    const sent: VoteMessage[] = [];
    const d = deps(campaign(), sent);
    const receipts = await castVotes('c1', ['w1', 's1'], voter, { ip: '10.0.0.1' }, d);
    expect(receipts.map((r) => [r.candidateId, r.category, r.status])).toEqual([
      ['w1', 'window', 'counted'],
      ['s1', 'star', 'counted'],
    ]);
    const again = await castVotes('c1', ['w1'], voter, { ip: '10.0.0.1' }, d);
    expect(again.map((r) => r.status)).toEqual(['duplicate']);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.day).toBe('2019-07-28');
    expect(sent[0]!.votes).toEqual(receipts);
    // Only counted votes are on the ballots (the door's side of the campaign's backlog).
    expect([...d.ballots.items.values()].flatMap((b) => [...b.receipts.values()].flat())).toHaveLength(2);
  });

  it('refuses with 409 outside voting, and outside the scheduled window when the schedule drives the campaign', async () => {
    await expect(
      castVotes('c1', ['w1'], voter, { ip: 'x' }, deps(campaign({ stage: 'scoring' }))),
    ).rejects.toBeInstanceOf(ConflictError);
    const scheduled = campaign({}, true);
    expect(votingClosedError(scheduled, new Date('2019-08-09T23:59:59+08:00'))).toBeUndefined();
    expect(votingClosedError(scheduled, new Date('2019-08-10T00:00:00+08:00'))).toBeInstanceOf(ConflictError);
    expect(votingClosedError(scheduled, new Date('2019-07-26T23:59:59+08:00'))).toBeInstanceOf(ConflictError);
    // Without autoAdvance the 2019 dates are only shown: the stage decides.
    expect(votingClosedError(campaign(), new Date('2026-01-01T00:00:00+08:00'))).toBeUndefined();
  });

  it('says the stage closed the vote, without the schedule’s dates, when an admin moved a campaign without autoAdvance', () => {
    const closed = votingClosedError(campaign({ stage: 'scoring' }), new Date('2026-01-01T00:00:00+08:00'))!;
    expect(closed.code).toBe('VOTING_CLOSED');
    expect(closed.message).toContain('the campaign is in scoring; voting has closed');
    expect(closed.details).toEqual({ stage: 'scoring' });
    const early = votingClosedError(campaign({ stage: 'publicity' }), new Date('2026-01-01T00:00:00+08:00'))!;
    expect(early.message).toContain('the campaign is in publicity; voting has not opened yet');
    expect(early.details).toEqual({ stage: 'publicity' });
  });

  it('shows the scheduled times when the schedule decides (autoAdvance)', () => {
    const late = votingClosedError(campaign({}, true), new Date('2019-08-10T00:00:00+08:00'))!;
    expect(late.message).toBe(`Voting is not open: it closed at ${campaign2019.schedule.scoring} (schedule)`);
    expect(late.details).toEqual({
      stage: 'voting',
      opens: campaign2019.schedule.voting,
      closes: campaign2019.schedule.scoring,
    });
    const moved = votingClosedError(campaign({ stage: 'scoring' }, true), new Date('2019-08-10T00:00:00+08:00'))!;
    expect(moved.message).toContain('the campaign is in scoring; voting has closed');
    expect(moved.details).toEqual({
      stage: 'scoring',
      opens: campaign2019.schedule.voting,
      closes: campaign2019.schedule.scoring,
    });
  });

  it('hands out no receipt when the queue refuses the message, and gives the places back', async () => {
    const failing = { ...deps(campaign()), send: async () => Promise.reject(new Error('queue down')) };
    await expect(castVotes('c1', ['w1', 'w2'], voter, { ip: 'x' }, failing)).rejects.toThrow('queue down');
    expect([...failing.ballots.items.values()].map((b) => [b.distinct, b.receipts.size])).toEqual([[0, 0]]);
  });

  it('answers the receipts when the send failed but the consumer had already claimed the request', async () => {
    const d = deps(campaign());
    const failing = {
      ...d,
      send: async (m: VoteMessage) => {
        d.ballots.claimed.add(m.requestId);
        throw new Error('timed out after the queue took it');
      },
    };
    const receipts = await castVotes('c1', ['w1', 'w2'], voter, { ip: 'x' }, failing);
    expect(receipts.map((r) => r.status)).toEqual(['counted', 'counted']);
    expect([...d.ballots.items.values()].map((b) => [b.distinct, b.receipts.size])).toEqual([[2, 2]]);
  });

  it('is granted the ballot write (ballots and candidate index only) and the queue send, no other table write', () => {
    expect(castVotesRoute).toMatchObject({ method: 'POST', path: '/campaigns/{cid}/votes' });
    const { grants } = needsOf([castVotesRoute.uses]);
    expect(grants).toEqual(['ballots:write', 'table:read', 'voter-secret:read', 'votes:send']);
  });

  it('refuses non-candidates, repeated ids and more than the daily number per category with 422, sending nothing', async () => {
    const sent: VoteMessage[] = [];
    const few = {
      ...campaign(),
      config: { ...campaign2019, voting: { ...campaign2019.voting, candidatesPerCategoryPerDay: 1 } },
    };
    for (const ids of [['nobody'], ['w1', 'w1']])
      await expect(castVotes('c1', ids, voter, { ip: 'x' }, deps(campaign(), sent))).rejects.toBeInstanceOf(
        RuleViolationError,
      );
    await expect(castVotes('c1', ['w1', 'w2'], voter, { ip: 'x' }, deps(few, sent))).rejects.toBeInstanceOf(
      RuleViolationError,
    );
    expect(sent).toHaveLength(0);
  });

  it('limits a voter’s request rate with 429', async () => {
    const d = deps(campaign());
    await castVotes('c1', ['w1'], voter, { ip: 'x' }, d);
    await castVotes('c1', ['w2'], voter, { ip: 'x' }, d);
    await expect(castVotes('c1', ['s1'], voter, { ip: 'x' }, d)).rejects.toBeInstanceOf(TooManyRequestsError);
  });
});

describe('deciding a vote from its ballot', () => {
  const limits = { perCandidatePerDay: 1, candidatesPerCategoryPerDay: 2 };
  const ballot = (receipts: Record<string, string[]>) => ({
    receipts: new Map(Object.entries(receipts)),
    distinct: Object.keys(receipts).length,
  });

  it('says duplicate, over limit, counted (the same receipt again) or try', () => {
    expect(decideVote(undefined, 'r1', 'w1', limits)).toEqual({ kind: 'try-first' });
    expect(decideVote(ballot({ w1: ['r0'] }), 'r1', 'w1', limits)).toEqual({ kind: 'done', status: 'duplicate' });
    expect(decideVote(ballot({ w1: ['r0'], w2: ['r2'] }), 'r1', 'w3', limits)).toEqual({
      kind: 'done',
      status: 'over_limit',
    });
    expect(decideVote(ballot({ w1: ['r1'] }), 'r1', 'w1', limits)).toEqual({ kind: 'done', status: 'counted' });
    expect(decideVote(ballot({ w1: ['r0'] }), 'r1', 'w1', { ...limits, perCandidatePerDay: 2 })).toEqual({
      kind: 'try-repeat',
    });
  });
});
