/** The campaign's clock in Asia/Shanghai: deadlines by day, the minimum publicity period, the dry run's warnings. */
import { describe, expect, it } from 'vitest';
import { campaignConfigSchema } from '../../shared/campaigns/schema';
import { planTransition, type StageFacts } from '../../shared/campaigns/stages';
import { chineseDay, endOfDay, requireBeforeDeadline } from '../../shared/campaigns/timing';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import { ConflictError } from '../../shared/errors';
import { campaignIn } from '../support/campaign';

const facts: StageFacts = {
  forwarded: 3,
  awaitingReview: 0,
  candidates: 2,
  openObjections: 0,
  votesInFlight: 0,
  votesDeadLettered: 0,
  missingScores: 0,
};

const deadlines = { submit: '2019-07-05', endorse: '2019-07-07', forward: '2019-07-09' };
const withDeadlines = campaignIn('nomination', { timing: { deadlines } });

describe('deadlines by day in Asia/Shanghai', () => {
  it('end at midnight in Shanghai, which is 16:00 UTC the day itself', () => {
    expect(endOfDay('2019-07-09').toISOString()).toBe('2019-07-09T16:00:00.000Z');
    expect(endOfDay('2019-12-31').toISOString()).toBe('2019-12-31T16:00:00.000Z');
    expect(chineseDay('2019-07-09')).toBe('2019年7月9日');
  });

  it('allow the step through the last second of the day in Shanghai and refuse it from midnight on', () => {
    // 23:59:59.999 in Shanghai on the deadline day is still in time, though it is the same day in UTC too.
    expect(() =>
      requireBeforeDeadline(withDeadlines, 'forward', new Date('2019-07-09T23:59:59.999+08:00')),
    ).not.toThrow();
    // 00:00 in Shanghai the next day is 16:00 UTC on the deadline day: too late, although UTC still reads July 9.
    const late = new Date('2019-07-09T16:00:00.000Z');
    expect(() => requireBeforeDeadline(withDeadlines, 'forward', late)).toThrow(ConflictError);
    try {
      requireBeforeDeadline(withDeadlines, 'forward', late);
    } catch (error) {
      expect(error).toMatchObject({
        status: 409,
        code: 'DEADLINE_PASSED',
        text: { zh: expect.stringContaining('2019年7月9日'), en: expect.stringContaining('2019-07-09') },
        details: { step: 'forward', deadline: '2019-07-09', endedAt: '2019-07-09T16:00:00.000Z' },
      });
    }
    // A time early on the next day in UTC terms is late; one early on the day in Shanghai is not.
    expect(() => requireBeforeDeadline(withDeadlines, 'submit', new Date('2019-07-05T00:30:00+08:00'))).not.toThrow();
    expect(() => requireBeforeDeadline(withDeadlines, 'submit', new Date('2019-07-06T00:00:00+08:00'))).toThrow(
      ConflictError,
    );
  });

  it('apply each to its own step, and not at all when none is set', () => {
    const at = new Date('2019-07-08T12:00:00+08:00');
    expect(() => requireBeforeDeadline(withDeadlines, 'submit', at)).toThrow(/submitting/);
    expect(() => requireBeforeDeadline(withDeadlines, 'endorse', at)).toThrow(/endorsing/);
    expect(() => requireBeforeDeadline(withDeadlines, 'forward', at)).not.toThrow();
    expect(() => requireBeforeDeadline(campaignIn('nomination'), 'submit', new Date('2030-01-01'))).not.toThrow();
  });

  it('are checked in the configuration: real days, in step order', () => {
    const parse = (timing: unknown) => campaignConfigSchema.safeParse({ ...campaign2019, timing });
    expect(parse({ minPublicityDays: 7, deadlines }).success).toBe(true);
    expect(parse({ deadlines: { submit: '2019-02-30' } }).success).toBe(false);
    expect(parse({ deadlines: { submit: '9 July' } }).success).toBe(false);
    expect(parse({ deadlines: { submit: '2019-07-09', forward: '2019-07-01' } }).success).toBe(false);
    expect(parse({ minPublicityDays: -1 }).success).toBe(false);
    expect(parse({ minPublicityDays: 7, extra: true }).success).toBe(false);
  });
});

describe('the minimum publicity period', () => {
  const entered = '2019-07-19T00:00:00+08:00';
  const publicity = (stage: 'publicity' | 'announcement') =>
    campaignIn(stage, { timing: { minPublicityDays: 7 } }, { stageChangedAt: entered });
  const check = (stage: 'publicity' | 'announcement', now: string) =>
    planTransition(
      publicity(stage),
      stage === 'publicity' ? 'voting' : 'awarded',
      facts,
      new Date(now),
    )!.preconditions.find((p) => p.key === 'publicity-period')!;

  it('holds the campaign in publicity and in announcement until the days have passed', () => {
    expect(check('publicity', '2019-07-25T23:59:59+08:00')).toMatchObject({
      passed: false,
      detail: expect.stringContaining('2019-07-25T16:00:00.000Z'),
    });
    expect(check('publicity', '2019-07-26T00:00:00+08:00').passed).toBe(true);
    expect(check('announcement', '2019-07-20T00:00:00+08:00').passed).toBe(false);
    expect(check('announcement', '2019-08-01T00:00:00+08:00').passed).toBe(true);
  });

  it('is no condition when not configured, and only on leaving the two stages of publication', () => {
    const unset = planTransition(
      campaignIn('publicity', {}, { stageChangedAt: entered }),
      'voting',
      facts,
      new Date(entered),
    )!;
    expect(unset.preconditions.find((p) => p.key === 'publicity-period')!.passed).toBe(true);
    const review = planTransition(
      campaignIn('review', { timing: { minPublicityDays: 7 } }, { stageChangedAt: entered }),
      'publicity',
      facts,
      new Date(entered),
    )!;
    expect(review.preconditions.map((p) => p.key)).not.toContain('publicity-period');
  });
});

describe('the dry run of the move to review', () => {
  it('warns per district how many nominations were not forwarded, without stopping the move', () => {
    const plan = planTransition(campaignIn('nomination'), 'review', {
      ...facts,
      notForwarded: [
        { district: 'dongbao', byStatus: { draft: 2, endorsed: 1 } },
        { district: 'zhanghe', byStatus: { submitted: 1 } },
      ],
    })!;
    expect(plan.allowed).toBe(true);
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        key: 'not-forwarded',
        district: 'dongbao',
        count: 3,
        byStatus: { draft: 2, endorsed: 1 },
      }),
      expect.objectContaining({ key: 'not-forwarded', district: 'zhanghe', count: 1 }),
    ]);
    expect(plan.warnings[0]!.message).toContain('东宝区：3 件推荐未报送');
    expect(planTransition(campaignIn('review'), 'publicity', facts)!.warnings).toEqual([]);
  });
});
