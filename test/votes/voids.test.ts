/** The public void ledger shows counts before and after only where the tally itself is public. */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/auth/actor';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import { campaignIn } from '../support/campaign';
import type { Campaign, Stage } from '../../shared/campaigns/schema';
import { voidLedgerFor, type VoidEntry } from '../../shared/votes/voids';

const campaign = (stage: Stage, liveCounts: Campaign['config']['voting']['liveCounts']): Campaign =>
  campaignIn(stage, { voting: { ...campaign2019.voting, liveCounts } });
const admin: Actor = { sub: 'a', username: 'admin', name: 'Admin', roles: ['admin'] };
const judge: Actor = { sub: 'j', username: 'judge', name: 'Judge', roles: ['judge'] };
const entry: VoidEntry = {
  voidId: 'void-1',
  campaignId: 'c1',
  at: '2019-07-28T10:00:00.000Z',
  by: 'admin',
  reason: '刷票',
  receiptIds: ['r-0', 'r-1'],
  skipped: 0,
  counts: [{ candidateId: 'w1', category: 'window', before: 40, voided: 2, after: 38 }],
  status: 'done',
};

describe('the void ledger as each caller may see it', () => {
  it('shows the public what was voided, why and when, without counts, while liveCounts is hidden or daily', () => {
    for (const setting of ['hidden', 'daily'] as const) {
      for (const actor of [undefined, judge]) {
        const [shown] = voidLedgerFor(campaign('voting', setting), actor, [entry]);
        expect(shown).toEqual({ ...entry, counts: [{ candidateId: 'w1', category: 'window', voided: 2 }] });
      }
    }
  });

  it('shows the counts to admins, to everyone when liveCounts is live, and from announcement on', () => {
    expect(voidLedgerFor(campaign('voting', 'hidden'), admin, [entry])).toEqual([entry]);
    expect(voidLedgerFor(campaign('voting', 'live'), undefined, [entry])).toEqual([entry]);
    expect(voidLedgerFor(campaign('announcement', 'hidden'), undefined, [entry])).toEqual([entry]);
    expect(voidLedgerFor(campaign('awarded', 'daily'), undefined, [entry])).toEqual([entry]);
    expect(voidLedgerFor(campaign('scoring', 'daily'), undefined, [entry])[0]!.counts).toEqual([
      { candidateId: 'w1', category: 'window', voided: 2 },
    ]);
  });
});
