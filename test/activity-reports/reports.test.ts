/** Activity report rules without the local system: who reads a report, what a nomination may attach, the schemas. */
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../shared/auth/actor';
import {
  attachedReportIdsSchema,
  fileReportSchema,
  updateReportSchema,
  type ActivityReport,
} from '../../shared/activity-reports/report';
import { assertAttachable, canReadReport, fileReport } from '../../shared/activity-reports/reports';
import type { ActivityReportRepository } from '../../shared/activity-reports/report-repository';
import { campaignIn } from '../support/campaign';
import { createFakeCampaignRepository } from '../campaigns/fake-campaign-repository';

const actor = (roles: Role[], over: Partial<Actor> = {}): Actor => ({
  sub: 's',
  username: 'u',
  name: '某单位',
  roles,
  ...over,
});

const report = (over: Partial<ActivityReport> = {}): ActivityReport => ({
  id: 'c1.r1',
  campaignId: 'c1',
  unit: 'zhanghe-water',
  unitName: '漳河新区供水服务窗口',
  district: 'zhanghe',
  department: 'zhanghe-public',
  title: '岗位练兵',
  date: '2019-05-18',
  text: '劳动竞赛',
  filedBy: 'applicant-zhanghe',
  updatedBy: 'applicant-zhanghe',
  createdAt: '2019-05-18T00:00:00Z',
  updatedAt: '2019-05-18T00:00:00Z',
  version: 1,
  ...over,
});

const inMemory = (...reports: ActivityReport[]): ActivityReportRepository => {
  const stored = new Map(reports.map((r) => [r.id, r]));
  return {
    get: async (rid) => stored.get(rid),
    list: async (cid) => [...stored.values()].filter((r) => r.campaignId === cid),
    create: async (r) => void stored.set(r.id, r),
    save: async (r) => void stored.set(r.id, r),
  };
};

describe('who reads a report', () => {
  it.each([
    ['its unit', actor(['applicant'], { unit: 'zhanghe-water' }), true],
    ['its department', actor(['department'], { department: 'zhanghe-public' }), true],
    ['its district', actor(['district'], { district: 'zhanghe' }), true],
    ['an admin', actor(['admin']), true],
    ['another unit of the same department', actor(['applicant'], { unit: 'x', department: 'zhanghe-public' }), false],
    ['an applicant without a unit', actor(['applicant'], { department: 'zhanghe-public', district: 'zhanghe' }), false],
    ['another department', actor(['department'], { department: 'city-gov-services', district: 'zhanghe' }), false],
    ['a judge of the unit', actor(['judge'], { unit: 'zhanghe-water', district: 'zhanghe' }), false],
  ])('%s: %s', (_, who, expected) => {
    expect(canReadReport(who, report())).toBe(expected);
  });
});

describe('filing', () => {
  it("records the filing unit's unit, district, department and name, never the body's", async () => {
    const campaigns = createFakeCampaignRepository();
    await campaigns.repository.create(campaignIn('nomination'), { campaignId: 'c1', at: '', by: 'a', action: 'x' });
    const unit = actor(['applicant'], { unit: 'u1', district: 'd1', department: 'p1', username: 'applicant-1' });
    const filed = await fileReport('c1', { title: '礼仪培训', date: '2019-04-20', text: '...' }, unit, {
      reports: inMemory(),
      campaigns: campaigns.repository,
    });
    expect(filed).toMatchObject({
      unit: 'u1',
      district: 'd1',
      department: 'p1',
      unitName: '某单位',
      filedBy: 'applicant-1',
    });
    expect(filed.id).toMatch(/^c1\.[0-9a-f]{16}$/);
  });

  it('refuses a judge and an applicant account that names no unit (403)', async () => {
    const deps = { reports: inMemory(), campaigns: createFakeCampaignRepository().repository };
    const body = { title: 't', date: '2019-04-20', text: 't' };
    await expect(fileReport('c1', body, actor(['judge'], { unit: 'u' }), deps)).rejects.toMatchObject({ status: 403 });
    await expect(
      fileReport('c1', body, actor(['applicant'], { district: 'd', department: 'p' }), deps),
    ).rejects.toMatchObject({ status: 403 });
  });

  it.each([
    ['2019-02-29', false],
    ['2020-02-29', true],
    ['2019-04-31', false],
    ['2019-4-1', false],
    ['2019-12-31', true],
  ])('takes %s as a date: %s', (date, ok) => {
    expect(fileReportSchema.safeParse({ title: 't', date, text: 't' }).success).toBe(ok);
  });
});

describe('changing', () => {
  it('takes any of title, date and text, and not nothing', () => {
    expect(updateReportSchema.safeParse({ date: '2019-06-01' }).success).toBe(true);
    expect(updateReportSchema.safeParse({}).success).toBe(false);
    expect(updateReportSchema.safeParse({ unit: 'other' }).success).toBe(false);
  });
});

describe('attaching', () => {
  const nomination = { campaignId: 'c1', unit: 'zhanghe-water' };

  it("takes the unit's own reports of the campaign", async () => {
    await expect(assertAttachable(nomination, ['c1.r1'], { reports: inMemory(report()) })).resolves.toBeUndefined();
  });

  it("refuses another unit's, another campaign's and unknown reports with 422 naming each", async () => {
    const reports = inMemory(
      report(),
      report({ id: 'c1.r2', unit: 'city-service-center' }),
      report({ id: 'c2.r3', campaignId: 'c2' }),
    );
    await expect(
      assertAttachable(nomination, ['c1.r1', 'c1.r2', 'c2.r3', 'c1.none'], { reports }),
    ).rejects.toMatchObject({
      status: 422,
      code: 'REPORT_NOT_ATTACHABLE',
      details: { reportIds: ['c1.r2', 'c2.r3', 'c1.none'] },
    });
  });

  it('refuses reports for a nomination whose account named no unit', async () => {
    await expect(
      assertAttachable({ campaignId: 'c1', unit: undefined }, ['c1.r1'], { reports: inMemory(report()) }),
    ).rejects.toMatchObject({ code: 'REPORT_NOT_ATTACHABLE' });
  });

  it('takes at most ten distinct ids', () => {
    expect(attachedReportIdsSchema.safeParse(['a', 'b']).success).toBe(true);
    expect(attachedReportIdsSchema.safeParse(['a', 'a']).success).toBe(false);
    expect(attachedReportIdsSchema.safeParse(Array.from({ length: 11 }, (_, i) => `c1.${i}`)).success).toBe(false);
  });
});
