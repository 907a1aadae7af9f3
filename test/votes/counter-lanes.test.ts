import { describe, expect, it } from 'vitest';
import { votesQueue } from '../../infra/definitions';
import { tallyVotes } from '../../functions/votes/tally-votes';
import { contributionsOf, LANES, TALLY_TIMEOUT_SECONDS, type LedgerRequest } from '../../shared/votes/counter-lanes';

const request = (requestId: string, tag: string, receipts: LedgerRequest['receipts']): LedgerRequest => ({
  campaignId: 'c1',
  requestId,
  voterId: 'v',
  day: '2019-07-28',
  acceptedAt: '2019-07-28T10:00:00+08:00',
  receipts,
  tag,
});
const receipt = (candidateId: string, status: LedgerRequest['receipts'][number]['status'], voidTag?: string) => ({
  receiptId: `${candidateId}-r`,
  candidateId,
  category: 'window' as const,
  status,
  ...(voidTag ? { voidTag } : {}),
});

describe('what a lane use added to the counters, recomputed from the ledger', () => {
  it('adds the votes a run counted (voided later included) to their counters and the backlog, subtracts the votes a void removed, and nothing of other uses', () => {
    const items = [
      request('a', '3:7', [receipt('w1', 'counted'), receipt('w2', 'duplicate'), receipt('w3', 'voided', '5:2')]),
      request('b', '3:7', [receipt('w1', 'over_limit')]),
      request('c', '4:1', [receipt('w1', 'counted'), receipt('w2', 'voided', '3:7')]),
    ];
    const deltas = (tag: string) =>
      Object.fromEntries([...contributionsOf(items, tag).values()].map((c) => [c.candidateId, c.delta]));
    // The run's counted votes (voided later included) also went to the campaign's backlog counter, once.
    expect(deltas('3:7')).toEqual({ w1: 1, w3: 1, w2: -1, '#backlog': 2 });
    // Applied last: the close reads the votes as counted only once the candidates' counters have them.
    expect([...contributionsOf(items, '3:7').values()].at(-1)!.candidateId).toBe('#backlog');
    expect(deltas('5:2')).toEqual({ w3: -1 });
    expect(deltas('9:9')).toEqual({});
  });
});

describe('counter lanes and the consumer', () => {
  it('leaves lanes for voids: the consumer runs at most a few at once, well below the lanes', () => {
    // Each consumer run holds one lane; an admin's void holds one too.
    expect(votesQueue.maxConcurrency * 2).toBeLessThanOrEqual(LANES);
  });

  it("leases a lane for the consumer's timeout", () => {
    expect(tallyVotes.timeoutSeconds).toBe(TALLY_TIMEOUT_SECONDS);
  });
});
