import { describe, expect, it } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import { campaignIn } from '../support/campaign';
import type { Campaign, Stage } from '../../shared/campaigns/schema';
import { nextStage, planTransition, type StageFacts } from '../../shared/campaigns/stages';

/** Facts under which every move is allowed. */
const ready: StageFacts = {
  forwarded: 3,
  awaitingReview: 0,
  candidates: 2,
  openObjections: 0,
  votesInFlight: 0,
  votesDeadLettered: 0,
  missingScores: 0,
  latestResults: { version: 1, ledgerVersion: 0, computedAt: '2019-08-12T00:00:00Z' },
};

const failedKeys = (stage: Stage, to: Stage, facts: StageFacts, overrides: Partial<Campaign> = {}) =>
  planTransition(campaignIn(stage, {}, overrides), to, facts)!
    .preconditions.filter((p) => !p.passed)
    .map((p) => p.key);

describe('stage machine', () => {
  it('goes forward one stage at a time, and awarded is final', () => {
    expect(nextStage('draft')).toBe('nomination');
    expect(nextStage('voting')).toBe('scoring');
    expect(nextStage('awarded')).toBeUndefined();
    expect(planTransition(campaignIn('draft'), 'review', ready)).toBeUndefined();
    expect(planTransition(campaignIn('review'), 'nomination', ready)).toBeUndefined();
    expect(planTransition(campaignIn('nomination'), 'draft', ready)).toBeUndefined();
  });

  it.each<[Stage, Stage]>([
    ['draft', 'nomination'],
    ['nomination', 'review'],
    ['review', 'publicity'],
    ['publicity', 'voting'],
    ['voting', 'scoring'],
    ['scoring', 'announcement'],
    ['announcement', 'awarded'],
  ])('allows %s -> %s when every precondition holds', (from, to) => {
    const plan = planTransition(campaignIn(from), to, ready)!;
    expect(plan.allowed).toBe(true);
    expect(plan.preconditions.every((p) => p.passed)).toBe(true);
  });

  it('refuses draft -> nomination when a category has no recommend places', () => {
    const config = {
      ...campaign2019,
      districts: campaign2019.districts.map((d) => ({
        ...d,
        quotas: { ...d.quotas, star: { recommend: 0, award: 0 } },
      })),
    };
    expect(failedKeys('draft', 'nomination', ready, { config })).toEqual(['recommend-places', 'award-places']);
  });

  it('refuses nomination -> review before any nomination is forwarded', () => {
    expect(failedKeys('nomination', 'review', { ...ready, forwarded: 0 })).toEqual(['nominations-forwarded']);
  });

  it('refuses review -> publicity while nominations await review, or with no candidate', () => {
    expect(failedKeys('review', 'publicity', { ...ready, awaitingReview: 2 })).toEqual(['all-reviewed']);
    expect(failedKeys('review', 'publicity', { ...ready, candidates: 0 })).toEqual(['has-candidates']);
  });

  it('refuses publicity -> voting while an objection is open', () => {
    const plan = planTransition(campaignIn('publicity'), 'voting', { ...ready, openObjections: 1 })!;
    expect(plan.allowed).toBe(false);
    expect(plan.preconditions.find((p) => !p.passed)).toMatchObject({
      key: 'no-open-objections',
      detail: '尚有 1 条异议待处理',
      detailEn: '1 objection(s) still await a ruling',
    });
  });

  it('refuses scoring -> announcement while votes are in flight or dead-lettered', () => {
    expect(failedKeys('scoring', 'announcement', { ...ready, votesInFlight: 7 })).toEqual(['votes-drained']);
    expect(failedKeys('scoring', 'announcement', { ...ready, votesDeadLettered: 1 })).toEqual(['votes-drained']);
  });

  it('refuses scoring -> announcement while scores are missing, unless judging was closed by an admin', () => {
    expect(failedKeys('scoring', 'announcement', { ...ready, missingScores: 4 })).toEqual(['judging-complete']);
    const closed = { judgingClosed: { by: 'admin', at: '2019-08-10T00:00:00+08:00', reason: 'judge ill' } };
    expect(failedKeys('scoring', 'announcement', { ...ready, missingScores: 4 }, closed)).toEqual([]);
  });

  it('refuses scoring -> announcement before results are computed', () => {
    expect(failedKeys('scoring', 'announcement', { ...ready, latestResults: undefined })).toEqual(['results-ready']);
  });

  it('refuses scoring -> announcement while the newest results miss a void, or a void is under way', () => {
    const stale = planTransition(campaignIn('scoring', {}, { ledgerVersion: 2 }), 'announcement', ready)!;
    expect(stale.preconditions.find((p) => p.key === 'results-ready')).toMatchObject({
      passed: false,
      detail: expect.stringContaining('请重新计算结果'),
      detailEn: expect.stringContaining('compute the results again'),
    });
    const current = { ...ready, latestResults: { version: 2, ledgerVersion: 2, computedAt: '2019-08-12T00:00:00Z' } };
    expect(failedKeys('scoring', 'announcement', current, { ledgerVersion: 2 })).toEqual([]);
    expect(failedKeys('scoring', 'announcement', current, { ledgerVersion: 2, voidsPending: 1 })).toEqual([
      'results-ready',
    ]);
  });

  it('refuses scoring -> announcement when a judge scored after the newest results were computed', () => {
    const computedAt = ready.latestResults!.computedAt;
    expect(failedKeys('scoring', 'announcement', { ...ready, lastScoredAt: '2019-08-12T00:00:01Z' })).toEqual([
      'results-ready',
    ]);
    expect(failedKeys('scoring', 'announcement', { ...ready, lastScoredAt: computedAt })).toEqual([]);
    expect(failedKeys('scoring', 'announcement', { ...ready, lastScoredAt: '2019-08-11T23:59:59Z' })).toEqual([]);
  });

  it('refuses announcement -> awarded while an objection is open', () => {
    expect(failedKeys('announcement', 'awarded', { ...ready, openObjections: 2 })).toEqual(['no-open-objections']);
  });
});
