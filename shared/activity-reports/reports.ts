/**
 * Activity report use cases (notice 五.1): an applicant unit files and edits its reports while the campaign is in
 * `nomination`; the unit, its supervising department, its district and admins read them; a nomination attaches
 * reports of its own unit only. Judges read the attached ones on the scoresheet, nowhere else.
 */
import { randomBytes } from 'node:crypto';
import { hasRole, type Actor } from '../auth/actor';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { getCampaign } from '../campaigns/campaigns';
import type { Stage } from '../campaigns/schema';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, say } from '../errors';
import type { Nomination } from '../nominations/nomination';
import type { ActivityReportRepository } from './report-repository';
import type { ActivityReport, FileReportRequest, UpdateReportRequest } from './report';

export interface ActivityReportDeps {
  reports: ActivityReportRepository;
  campaigns: CampaignRepository;
  now?: () => Date;
}

/** Reports are filed and changed while units apply (申报推荐阶段). */
const FILING_STAGE: Stage = 'nomination';

/** An applicant account of the report's unit. */
const isItsUnit = (actor: Actor, report: ActivityReport) =>
  hasRole(actor, 'applicant') && actor.unit !== undefined && actor.unit === report.unit;

/** Who reads a report: its unit, its supervising department, its district, admins. */
export const canReadReport = (actor: Actor, report: ActivityReport): boolean =>
  hasRole(actor, 'admin') ||
  isItsUnit(actor, report) ||
  (hasRole(actor, 'department') && actor.department !== undefined && actor.department === report.department) ||
  (hasRole(actor, 'district') && actor.district !== undefined && actor.district === report.district);

const notFound = (rid: string) => new NotFoundError(say(`没有活动报告 ${rid}`, `No activity report ${rid}`));

/** Only applicant accounts that name their unit, district and department file reports (403 otherwise). */
export const requireFilingUnit = (actor: Actor): Required<Pick<Actor, 'unit' | 'district' | 'department'>> => {
  if (!hasRole(actor, 'applicant')) {
    throw new ForbiddenError(say('只有申报单位可以提交活动报告', 'Only an applicant unit files activity reports'));
  }
  if (!actor.unit || !actor.district || !actor.department) {
    throw new ForbiddenError(
      say('您的账号未设置单位、区域或主管部门，请联系活动办公室', 'Your account names no unit, district or department'),
    );
  }
  return { unit: actor.unit, district: actor.district, department: actor.department };
};

const audit = (report: ActivityReport, actor: Actor, action: string) => ({
  campaignId: report.campaignId,
  at: report.updatedAt,
  by: actor.username,
  action,
  subject: report.id,
});

/** The applicant's unit files a report in its campaign, while the campaign is in `nomination`. */
export const fileReport = async (
  cid: string,
  request: FileReportRequest,
  actor: Actor,
  deps: ActivityReportDeps,
): Promise<ActivityReport> => {
  const unit = requireFilingUnit(actor);
  const campaign = await getCampaign(cid, deps, actor);
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const report: ActivityReport = {
    id: `${campaign.id}.${randomBytes(8).toString('hex')}`,
    campaignId: campaign.id,
    ...unit,
    unitName: actor.name,
    ...request,
    filedBy: actor.username,
    updatedBy: actor.username,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await deps.reports.create(report, audit(report, actor, 'activity-report.filed'), FILING_STAGE);
  return report;
};

/** A report the caller may read; 404 otherwise (never whether it exists). */
export const getReport = async (
  rid: string,
  actor: Actor,
  { reports }: Pick<ActivityReportDeps, 'reports'>,
): Promise<ActivityReport> => {
  const report = await reports.get(rid);
  if (!report || !canReadReport(actor, report)) throw notFound(rid);
  return report;
};

/**
 * The report for a change by its unit: 404 when unreadable, 403 when readable but not the caller's unit's. Checked
 * before the body is read.
 */
export const reportToChange = async (
  rid: string,
  actor: Actor,
  deps: Pick<ActivityReportDeps, 'reports'>,
): Promise<ActivityReport> => {
  const report = await getReport(rid, actor, deps);
  if (!isItsUnit(actor, report)) {
    throw new ForbiddenError(say('只有提交报告的单位可以修改', 'Only the unit that filed the report changes it'));
  }
  return report;
};

/** The unit changes its report's title, date or text while the campaign is in `nomination`. */
export const updateReport = async (
  report: ActivityReport,
  patch: UpdateReportRequest,
  actor: Actor,
  deps: ActivityReportDeps,
): Promise<ActivityReport> => {
  const campaign = await deps.campaigns.get(report.campaignId);
  if (campaign?.stage !== FILING_STAGE) {
    throw new ConflictError(
      'WRONG_STAGE',
      say('当前阶段不能修改活动报告', `Activity reports change while the campaign is in ${FILING_STAGE}`),
      { stage: campaign?.stage, required: FILING_STAGE },
    );
  }
  const updated: ActivityReport = {
    ...report,
    ...patch,
    updatedBy: actor.username,
    updatedAt: (deps.now ?? (() => new Date()))().toISOString(),
    version: report.version + 1,
  };
  await deps.reports.save(updated, audit(updated, actor, 'activity-report.edited'), FILING_STAGE);
  return updated;
};

/** The campaign's reports the caller may read (admins all; a unit, department or district its own); judges 403. */
export const listReports = async (cid: string, actor: Actor, deps: ActivityReportDeps): Promise<ActivityReport[]> => {
  if (!(['admin', 'district', 'department', 'applicant'] as const).some((role) => hasRole(actor, role))) {
    throw new ForbiddenError(
      say('评委在评分表中查看活动报告', 'Judges read activity reports on the scoresheet, not here'),
    );
  }
  const campaign = await getCampaign(cid, deps, actor);
  return (await deps.reports.list(campaign.id)).filter((r) => canReadReport(actor, r));
};

/**
 * The reports a nomination may attach: each one of its own campaign and unit (422 REPORT_NOT_ATTACHABLE naming the
 * others, unknown ids among them, so another unit's report ids reveal nothing).
 */
export const assertAttachable = async (
  nomination: Pick<Nomination, 'campaignId' | 'unit'>,
  reportIds: readonly string[],
  { reports }: { reports: Pick<ActivityReportRepository, 'get'> },
): Promise<void> => {
  const found = await Promise.all(reportIds.map((rid) => reports.get(rid)));
  const refused = reportIds.filter((_, i) => {
    const report = found[i];
    return !report || report.campaignId !== nomination.campaignId || report.unit !== nomination.unit;
  });
  if (refused.length > 0) {
    throw new RuleViolationError(
      'REPORT_NOT_ATTACHABLE',
      say(
        '只能附上本单位在本次评选中提交的活动报告',
        "A nomination attaches its own unit's reports of this campaign only",
      ),
      { reportIds: refused },
    );
  }
};

/** The attached reports as judges read them (title, date, text; who filed it is the candidate's unit). */
export const reportsForJudges = async (
  reportIds: readonly string[],
  { reports }: { reports: Pick<ActivityReportRepository, 'get'> },
) => {
  const found = await Promise.all(reportIds.map((rid) => reports.get(rid)));
  return found.flatMap((r) => (r ? [{ reportId: r.id, title: r.title, date: r.date, text: r.text }] : []));
};
