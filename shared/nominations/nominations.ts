/**
 * Nomination use cases (notice 七(一) 申报推荐, SPEC.md "Application forms", "Quotas"): an applicant
 * drafts, edits and submits; its department endorses (with the stamped evaluation) or returns it;
 * its district forwards it within the recommend quota or sends it back to the department; an admin
 * records the signed paper copies and approves or rejects it in `review`.
 * Each step is one conditional write with its audit entry and a status-history entry.
 */
import { randomBytes } from 'node:crypto';
import * as z from '../zod';
import { attachedReportIdsSchema } from '../activity-reports/report';
import type { ActivityReportRepository } from '../activity-reports/report-repository';
import { assertAttachable } from '../activity-reports/reports';
import { hasRole, type Actor } from '../auth/actor';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { getCampaign } from '../campaigns/campaigns';
import type { FactsContributor } from '../campaigns/stage-facts';
import { requireBeforeDeadline } from '../campaigns/timing';
import {
  CATEGORY_NAMES,
  categorySchema,
  STAGE_NAMES,
  type Campaign,
  type Category,
  type Stage,
} from '../campaigns/schema';
import { type Bilingual, ConflictError, ForbiddenError, RuleViolationError, say } from '../errors';
import { validate } from '../validation';
import {
  canRead,
  isItsDepartment,
  isItsDistrict,
  isOwner,
  JUDGES_USE_SCORESHEET,
  onlyBy,
  readableOr404,
  WHO,
} from './access';
import {
  claimsHonours,
  DECLARATIONS,
  declarationGap,
  type FormGap,
  formGaps,
  formSchema,
  missingDeclarations,
  type NominationForm,
} from './forms';
import { nominationStatusSchema, STATUS_NAMES, withStep, type Nomination, type NominationStatus } from './nomination';
import type { NominationFilter, NominationRepository } from './nomination-repository';

/**
 * The uploads a nomination has that passed verification, counted by kind (`activity_photo`,
 * `portrait`, `unit_photo`, `certificate`, `endorsement_scan`). Implemented by the uploads concept.
 */
export type UploadSummary = (nid: string) => Promise<{ verified: Record<string, number> }>;

export interface NominationDeps {
  nominations: NominationRepository;
  campaigns: CampaignRepository;
  now?: () => Date;
}

export interface UploadDeps extends NominationDeps {
  uploads: UploadSummary;
}

/** Activity photos per nomination (3-5张活动照片). */
const ACTIVITY_PHOTOS = { min: 3, max: 5 } as const;
/** The photo each category needs: the star's 2-inch portrait, the window's 5-inch unit image. */
export const MAIN_PHOTO: Record<Category, string> = { star: 'portrait', window: 'unit_photo' };

const MAX_NOTE_CHARS = 1000;
const note = (what: string) =>
  z.string().check(
    z.trim(),
    z.minLength(1, `${what} is required`),
    z.refine((s) => [...s].length <= MAX_NOTE_CHARS, `${what}: at most ${MAX_NOTE_CHARS} characters`),
    z.refine((s) => !/[\uD800-\uDFFF]/u.test(s), `${what}: contains an invalid character (lone surrogate)`),
    z.refine(
      (s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/u.test(s),
      `${what}: contains a control character`,
    ),
  );

/** Body of POST /campaigns/{cid}/nominations; the form itself is checked against the campaign's bounds. */
export const createRequestSchema = z.strictObject({
  category: categorySchema,
  district: z.string().check(z.minLength(1), z.maxLength(40)),
  sector: z.string().check(z.minLength(1), z.maxLength(30)),
  form: z.record(z.string(), z.unknown()),
});
/**
 * Body of PATCH /nominations/{nid}: the sector, form fields to replace (the others are kept), and the activity reports
 * attached (the whole list).
 */
export const updateRequestSchema = z
  .strictObject({
    sector: z.optional(z.string().check(z.minLength(1), z.maxLength(30))),
    form: z.optional(z.record(z.string(), z.unknown())),
    activityReportIds: z.optional(attachedReportIdsSchema),
  })
  .check(
    z.refine(
      (p) => p.sector !== undefined || p.form !== undefined || p.activityReportIds !== undefined,
      z.bilingual(
        '请指明要更改的行业、申报表字段或活动报告',
        'name the sector, form fields or activity reports to change',
      ),
    ),
  );
export const endorseRequestSchema = z.strictObject({
  decision: z.enum(['endorse', 'return']),
  opinion: note('opinion'),
  /** The applicant's declarations the department confirms: all of them to endorse. */
  confirmed: z.optional(
    z.array(z.enum(DECLARATIONS)).check(
      z.maxLength(DECLARATIONS.length),
      z.refine(
        (list) => new Set(list).size === list.length,
        z.bilingual('每项承诺只能确认一次', 'confirmed: each declaration at most once'),
      ),
    ),
  ),
});
export const reviewRequestSchema = z.strictObject({ decision: z.enum(['approve', 'reject']), reason: note('reason') });
/** Body of POST /nominations/{nid}/return: why its district sends it back to the department. */
export const districtReturnRequestSchema = z.strictObject({ reason: note('reason') });
/** The signed paper copies the notice asks for (一式两份). */
export const PAPER_COPIES_NEEDED = 2;
/** Body of POST /nominations/{nid}/paper-copies. */
export const paperCopiesRequestSchema = z.strictObject({
  copies: z.int().check(z.gte(1), z.lte(20)),
  /** When they arrived (an ISO time with offset, not in the future); now when absent. */
  receivedAt: z.optional(z.iso.datetime({ offset: true })),
  note: z.optional(note('note')),
});
export const listQuerySchema = z.strictObject({
  status: z.optional(nominationStatusSchema),
  category: z.optional(categorySchema),
  district: z.optional(z.string().check(z.maxLength(40))),
});

const UNKNOWN_SECTOR = say('所填行业不在本次评选活动的行业之列', 'The sector is not one of the campaign');

const nowOf = (now: () => Date = () => new Date()) => now();
const isoNow = (now?: () => Date) => nowOf(now).toISOString();

const requireStage = (campaign: Campaign, stage: Stage) => {
  if (campaign.stage !== stage) {
    throw new ConflictError(
      'WRONG_STAGE',
      say(
        `此事项只能在“${STAGE_NAMES[stage]}”阶段办理，评选活动现处于“${STAGE_NAMES[campaign.stage]}”阶段`,
        `This is possible only while the campaign is in ${stage}; it is in ${campaign.stage}`,
      ),
      {
        stage: campaign.stage,
        required: stage,
      },
    );
  }
};

const requireStatus = (nomination: Nomination, ...statuses: NominationStatus[]) => {
  if (!statuses.includes(nomination.status)) {
    throw new ConflictError(
      'WRONG_STATUS',
      say(
        `此事项要求申报处于${statuses.map((s) => `“${STATUS_NAMES[s]}”`).join('或')}状态，现为“${STATUS_NAMES[nomination.status]}”`,
        `This needs the nomination to be ${statuses.join(' or ')}; it is ${nomination.status}`,
      ),
      {
        status: nomination.status,
        required: statuses,
      },
    );
  }
};

/** Readable, and the caller holds the right to this step (403 when readable but not theirs to act on). */
const loadFor = async (
  nid: string,
  actor: Actor,
  deps: NominationDeps,
  allowed: (actor: Actor, n: Nomination) => boolean,
  who: Bilingual,
) => {
  const nomination = readableOr404(actor, nid, await deps.nominations.get(nid));
  if (!allowed(actor, nomination)) throw onlyBy(who);
  const campaign = await deps.campaigns.get(nomination.campaignId);
  if (!campaign)
    throw new ConflictError(
      'WRONG_STAGE',
      say('此申报所属的评选活动已不存在', 'The campaign of this nomination no longer exists'),
    );
  return { nomination, campaign };
};

const checkForm = (category: Category, campaign: Campaign, form: unknown): NominationForm =>
  validate(formSchema(category, campaign.config.forms, 'draft'), form, say('申报表', 'The form')) as NominationForm;

const audit = (
  nomination: Nomination,
  actor: Actor,
  at: string,
  action: string,
  from?: NominationStatus,
  reason?: string,
) => ({
  campaignId: nomination.campaignId,
  at,
  by: actor.username,
  action,
  subject: nomination.id,
  ...(from ? { from, to: nomination.status } : {}),
  ...(reason ? { reason } : {}),
});

/** An applicant drafts a nomination for its own district and department, in `nomination`. */
export const createNomination = async (
  cid: string,
  request: z.infer<typeof createRequestSchema>,
  actor: Actor,
  deps: NominationDeps,
): Promise<Nomination> => {
  if (!hasRole(actor, 'applicant'))
    throw new ForbiddenError(say('只有申报单位可以填报申报', 'Only an applicant unit may file a nomination'));
  const campaign = await getCampaign(cid, deps, actor);
  requireStage(campaign, 'nomination');
  if (!actor.district || !actor.department) {
    throw new ForbiddenError(
      say(
        '您的账号未设置所在县（市、区）或主管部门，请联系评选活动办公室设置',
        'Your account names no district or supervising department; ask the office to set them',
      ),
    );
  }
  if (request.district !== actor.district) {
    throw new ForbiddenError(
      say(
        `只能为本县（市、区）（${actor.district}）填报申报`,
        `You may file only for your own district (${actor.district})`,
      ),
      { district: actor.district },
    );
  }
  if (!campaign.config.districts.some((d) => d.id === request.district)) {
    throw new RuleViolationError(
      'UNKNOWN_DISTRICT',
      say(`${request.district} 未参加本次评选活动`, `District ${request.district} takes no part in this campaign`),
    );
  }
  if (!campaign.config.sectors.includes(request.sector)) {
    throw new RuleViolationError('UNKNOWN_SECTOR', UNKNOWN_SECTOR, {
      sectors: campaign.config.sectors,
    });
  }
  const form = checkForm(request.category, campaign, request.form);
  const at = isoNow(deps.now);
  const nomination: Nomination = {
    id: `${campaign.id}.${randomBytes(8).toString('hex')}`,
    campaignId: campaign.id,
    category: request.category,
    district: request.district,
    department: actor.department,
    ...(actor.unit ? { unit: actor.unit } : {}),
    owner: actor.username,
    sector: request.sector,
    form,
    status: 'draft',
    history: [{ status: 'draft', at, by: actor.username }],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await deps.nominations.create(nomination, audit(nomination, actor, at, 'nomination.created'), 'nomination');
  return nomination;
};

/** A nomination the caller may read (owner, its department, its district, admin); 404 otherwise. */
export const getNomination = async (
  nid: string,
  actor: Actor,
  deps: Pick<NominationDeps, 'nominations'>,
): Promise<Nomination> => readableOr404(actor, nid, await deps.nominations.get(nid));

/** The query narrowing for a one-role caller; admins and callers with several roles are filtered by `canRead` only. */
const scopeOf = (actor: Actor): NominationFilter => {
  if (hasRole(actor, 'admin') || actor.roles.length > 1) return {};
  if (hasRole(actor, 'applicant')) return { owner: actor.username };
  if (hasRole(actor, 'department')) return { department: actor.department ?? '-' };
  return { district: actor.district ?? '-' };
};

/** The campaign's nominations the caller may see, filtered; judges see none here (403). */
export const listNominations = async (
  cid: string,
  filter: z.infer<typeof listQuerySchema>,
  actor: Actor,
  deps: NominationDeps,
): Promise<Nomination[]> => {
  if (!(['admin', 'district', 'department', 'applicant'] as const).some((role) => hasRole(actor, role))) {
    throw new ForbiddenError(JUDGES_USE_SCORESHEET);
  }
  const campaign = await getCampaign(cid, deps, actor);
  const scope = scopeOf(actor);
  const found = await deps.nominations.listByCampaign(campaign.id, { ...filter, ...scope });
  return found.filter((n) => canRead(actor, n) && (filter.district === undefined || n.district === filter.district));
};

/**
 * The recommend places (推荐名额) of a district user's district, per category: the quota, the
 * places taken and the places left; undefined for other roles. Shown beside the district's queue.
 */
export const districtQuota = async (cid: string, actor: Actor, deps: NominationDeps) => {
  if (!hasRole(actor, 'district') || !actor.district) return undefined;
  const campaign = await getCampaign(cid, deps, actor);
  const district = campaign.config.districts.find((d) => d.id === actor.district);
  const standing = async (category: Category) => {
    const quota = district?.quotas[category].recommend ?? 0;
    const used = await deps.nominations.quotaUsed(campaign.id, actor.district!, category);
    return { quota, used, left: Math.max(0, quota - used) };
  };
  return { district: actor.district, window: await standing('window'), star: await standing('star') };
};

/**
 * The owner edits the sector or form fields, or attaches its unit's activity reports, while the nomination is a draft
 * or returned.
 */
export const updateNomination = async (
  nid: string,
  patch: z.infer<typeof updateRequestSchema>,
  actor: Actor,
  deps: NominationDeps & { reports: Pick<ActivityReportRepository, 'get'> },
): Promise<Nomination> => {
  const { nomination, campaign } = await loadFor(nid, actor, deps, isOwner, WHO.owner);
  requireStatus(nomination, 'draft', 'returned');
  requireStage(campaign, 'nomination');
  if (patch.sector !== undefined && !campaign.config.sectors.includes(patch.sector)) {
    throw new RuleViolationError('UNKNOWN_SECTOR', UNKNOWN_SECTOR, {
      sectors: campaign.config.sectors,
    });
  }
  const form = patch.form
    ? checkForm(nomination.category, campaign, { ...nomination.form, ...patch.form })
    : nomination.form;
  if (patch.activityReportIds) await assertAttachable(nomination, patch.activityReportIds, deps);
  const at = isoNow(deps.now);
  const updated: Nomination = {
    ...nomination,
    sector: patch.sector ?? nomination.sector,
    form,
    ...(patch.activityReportIds ? { activityReportIds: patch.activityReportIds } : {}),
    updatedAt: at,
    version: nomination.version + 1,
  };
  await deps.nominations.save(updated, audit(updated, actor, at, 'nomination.edited'), 'nomination');
  return updated;
};

/** What keeps the nomination from being submitted: form fields, the written account, verified uploads. */
export const submissionGaps = async (nomination: Nomination, campaign: Campaign, uploads: UploadSummary) => {
  const gaps: FormGap[] = formGaps(nomination.category, campaign.config.forms, nomination.form);
  const { verified } = await uploads(nomination.id);
  const photos = verified.activity_photo ?? 0;
  if (photos < ACTIVITY_PHOTOS.min || photos > ACTIVITY_PHOTOS.max) {
    gaps.push({
      field: 'uploads.activity_photo',
      label: '活动照片',
      message: `活动照片：须有 ${ACTIVITY_PHOTOS.min}-${ACTIVITY_PHOTOS.max} 张经核验的 JPEG 照片（现有 ${photos} 张）`,
      messageEn: `活动照片: ${ACTIVITY_PHOTOS.min}-${ACTIVITY_PHOTOS.max} verified JPEG photos are needed (now ${photos})`,
    });
  }
  const main = MAIN_PHOTO[nomination.category];
  if ((verified[main] ?? 0) < 1) {
    const label = nomination.category === 'star' ? '2寸个人照片' : '5寸单位形象照片';
    gaps.push({
      field: `uploads.${main}`,
      label,
      message: `${label}：须有一张经核验的照片`,
      messageEn: `${label}: a verified photo is needed`,
    });
  }
  const certificatesRequired = campaign.config.forms.certificatesRequired !== false;
  if (certificatesRequired && claimsHonours(nomination.form) && (verified.certificate ?? 0) < 1) {
    gaps.push({
      field: 'uploads.certificate',
      label: '获奖证书复印件',
      message: '获奖证书复印件: 填写了以往获得荣誉，需上传获奖证书复印件',
      messageEn: 'Copies of award certificates: honours are claimed, so a verified certificate copy is needed',
    });
  }
  return gaps;
};

/**
 * The owner submits a complete draft (or a returned nomination) to its department: 422 DECLARATIONS_MISSING listing
 * each declaration not made, then 422 SUBMISSION_INCOMPLETE listing everything else missing.
 */
export const submitNomination = async (nid: string, actor: Actor, deps: UploadDeps): Promise<Nomination> => {
  const { nomination, campaign } = await loadFor(nid, actor, deps, isOwner, WHO.owner);
  requireStatus(nomination, 'draft', 'returned');
  requireStage(campaign, 'nomination');
  requireBeforeDeadline(campaign, 'submit', nowOf(deps.now));
  const undeclared = missingDeclarations(nomination.category, nomination.form);
  if (undeclared.length > 0) {
    throw new RuleViolationError(
      'DECLARATIONS_MISSING',
      say(
        `申报承诺未全部声明：缺少${undeclared.map((d) => d.declaration).join('、')}`,
        `Make every declaration on the form (declarations) first: ${undeclared.length} missing`,
      ),
      { missing: undeclared },
    );
  }
  const missing = await submissionGaps(nomination, campaign, deps.uploads);
  if (missing.length > 0) {
    throw new RuleViolationError(
      'SUBMISSION_INCOMPLETE',
      say(
        `申报材料不完整：尚缺 ${missing.length} 项`,
        `The nomination is not complete: ${missing.length} item(s) missing`,
      ),
      { missing },
    );
  }
  const at = isoNow(deps.now);
  const submitted = withStep(nomination, 'submitted', actor.username, at);
  await deps.nominations.save(
    submitted,
    audit(submitted, actor, at, 'nomination.submitted', nomination.status),
    'nomination',
  );
  return submitted;
};

/**
 * Its department endorses a submitted nomination with its opinion (needs the verified stamped
 * evaluation scan), or returns it to the applicant with the reason.
 */
export const endorseNomination = async (
  nid: string,
  request: z.infer<typeof endorseRequestSchema>,
  actor: Actor,
  deps: UploadDeps,
): Promise<Nomination> => {
  const { nomination, campaign } = await loadFor(nid, actor, deps, isItsDepartment, WHO.department);
  requireStatus(nomination, 'submitted');
  requireStage(campaign, 'nomination');
  requireBeforeDeadline(campaign, 'endorse', nowOf(deps.now));
  const at = isoNow(deps.now);
  if (request.decision === 'return') {
    const returned = withStep(nomination, 'returned', actor.username, at, request.opinion);
    await deps.nominations.save(
      returned,
      audit(returned, actor, at, 'nomination.returned', nomination.status, request.opinion),
      'nomination',
    );
    return returned;
  }
  const unconfirmed = DECLARATIONS.filter((d) => !request.confirmed?.includes(d));
  if (unconfirmed.length > 0) {
    throw new RuleViolationError(
      'DECLARATIONS_UNCONFIRMED',
      say(
        `请逐项确认申报承诺：未确认${unconfirmed.join('、')}`,
        `Confirm each of the applicant's declarations (confirmed): ${unconfirmed.length} not confirmed`,
      ),
      { missing: unconfirmed.map((d) => declarationGap(nomination.category, d, 'confirmed')) },
    );
  }
  const { verified } = await deps.uploads(nomination.id);
  if ((verified.endorsement_scan ?? 0) < 1) {
    throw new RuleViolationError(
      'ENDORSEMENT_SCAN_MISSING',
      say(
        '请先上传加盖公章的评估意见扫描件（endorsement_scan）',
        'Upload the stamped evaluation (加盖公章的评估意见) as an endorsement_scan first',
      ),
      {
        missing: [
          {
            field: 'uploads.endorsement_scan',
            label: '评估意见（盖章）扫描件',
            message: '须有一份经核验的扫描件',
            messageEn: 'a verified scan is needed',
          },
        ],
      },
    );
  }
  const endorsed = {
    ...withStep(nomination, 'endorsed', actor.username, at, request.opinion),
    endorsement: { opinion: request.opinion, by: actor.username, at, confirmed: [...DECLARATIONS] },
  };
  await deps.nominations.save(
    endorsed,
    audit(endorsed, actor, at, 'nomination.endorsed', nomination.status, request.opinion),
    'nomination',
  );
  return endorsed;
};

/** Its district forwards an endorsed nomination to the office, within its recommend quota (推荐名额) for the category. */
export const forwardNomination = async (nid: string, actor: Actor, deps: NominationDeps): Promise<Nomination> => {
  const { nomination, campaign } = await loadFor(nid, actor, deps, isItsDistrict, WHO.district);
  requireStatus(nomination, 'endorsed');
  requireStage(campaign, 'nomination');
  requireBeforeDeadline(campaign, 'forward', nowOf(deps.now));
  const quota =
    campaign.config.districts.find((d) => d.id === nomination.district)?.quotas[nomination.category].recommend ?? 0;
  if (quota < 1) {
    throw new ConflictError(
      'QUOTA_EXCEEDED',
      say(
        `${nomination.district} 没有${CATEGORY_NAMES[nomination.category]}的推荐名额`,
        `District ${nomination.district} has no recommend places for ${nomination.category}`,
      ),
      {
        district: nomination.district,
        category: nomination.category,
        quota,
        used: await deps.nominations.quotaUsed(campaign.id, nomination.district, nomination.category),
      },
    );
  }
  const at = isoNow(deps.now);
  const forwarded = withStep(nomination, 'forwarded', actor.username, at);
  await deps.nominations.saveWithinQuota(
    forwarded,
    audit(forwarded, actor, at, 'nomination.forwarded', nomination.status),
    'nomination',
    quota,
  );
  return forwarded;
};

/**
 * Its district sends an endorsed nomination back to the department with the reason (endorsed → submitted, in
 * `nomination`): the endorsement is removed, the department endorses or returns it again.
 */
export const returnToDepartment = async (
  nid: string,
  request: z.infer<typeof districtReturnRequestSchema>,
  actor: Actor,
  deps: NominationDeps,
): Promise<Nomination> => {
  const { nomination, campaign } = await loadFor(nid, actor, deps, isItsDistrict, WHO.district);
  requireStatus(nomination, 'endorsed');
  requireStage(campaign, 'nomination');
  const at = isoNow(deps.now);
  const { endorsement: _removed, ...endorsedNoMore } = nomination;
  const returned = withStep(endorsedNoMore, 'submitted', actor.username, at, request.reason, 'district');
  await deps.nominations.save(
    returned,
    audit(returned, actor, at, 'nomination.returned_by_district', nomination.status, request.reason),
    'nomination',
  );
  return returned;
};

/** Statuses in which the office may record the paper copies: once the applicant has submitted. */
const PAPER_COPY_STATUSES: NominationStatus[] = ['submitted', 'endorsed', 'forwarded', 'approved', 'rejected'];

/**
 * An admin records the signed paper copies that arrived (how many, when, who recorded it), in `nomination` or
 * `review`; recording again replaces the record.
 */
export const recordPaperCopies = async (
  nid: string,
  request: z.infer<typeof paperCopiesRequestSchema>,
  actor: Actor,
  deps: NominationDeps,
): Promise<Nomination> => {
  const { nomination, campaign } = await loadFor(nid, actor, deps, (a) => hasRole(a, 'admin'), WHO.office);
  requireStatus(nomination, ...PAPER_COPY_STATUSES);
  if (campaign.stage !== 'nomination') requireStage(campaign, 'review');
  const at = isoNow(deps.now);
  if (request.receivedAt && Date.parse(request.receivedAt) > Date.parse(at)) {
    throw new RuleViolationError(
      'RECEIVED_IN_FUTURE',
      say('收到时间不能晚于当前时间', 'receivedAt cannot be in the future'),
      { receivedAt: request.receivedAt },
    );
  }
  const recorded: Nomination = {
    ...nomination,
    paperCopies: {
      copies: request.copies,
      receivedAt: request.receivedAt ? new Date(request.receivedAt).toISOString() : at,
      ...(request.note ? { note: request.note } : {}),
      by: actor.username,
      at,
    },
    updatedAt: at,
    version: nomination.version + 1,
  };
  await deps.nominations.save(
    recorded,
    audit(recorded, actor, at, 'nomination.paper_copies_recorded', undefined, request.note),
    campaign.stage,
  );
  return recorded;
};

/** An admin approves or rejects a forwarded nomination with a reason, in `review` (初审). */
export const reviewNomination = async (
  nid: string,
  request: z.infer<typeof reviewRequestSchema>,
  actor: Actor,
  deps: NominationDeps,
): Promise<Nomination> => {
  const { nomination, campaign } = await loadFor(nid, actor, deps, (a) => hasRole(a, 'admin'), WHO.office);
  requireStatus(nomination, 'forwarded');
  requireStage(campaign, 'review');
  const copies = nomination.paperCopies?.copies ?? 0;
  if (request.decision === 'approve' && campaign.config.paperCopiesRequired === true && copies < PAPER_COPIES_NEEDED) {
    throw new RuleViolationError(
      'PAPER_COPIES_MISSING',
      say(
        `纸质申报表（一式两份）尚未收齐：已登记${copies}份`,
        `The ${PAPER_COPIES_NEEDED} signed paper copies must be recorded as received first (recorded: ${copies})`,
      ),
      { needed: PAPER_COPIES_NEEDED, recorded: copies },
    );
  }
  const at = isoNow(deps.now);
  const status = request.decision === 'approve' ? 'approved' : 'rejected';
  const reviewed = {
    ...withStep(nomination, status, actor.username, at, request.reason),
    review: { decision: request.decision, reason: request.reason, by: actor.username, at },
  };
  await deps.nominations.save(
    reviewed,
    audit(reviewed, actor, at, `nomination.${status}`, nomination.status, request.reason),
    'review',
  );
  return reviewed;
};

/** The statuses of a nomination not (yet) forwarded to the office. */
const NOT_FORWARDED: readonly NominationStatus[] = ['draft', 'submitted', 'returned', 'endorsed'];

/** Stage fact `notForwarded` (while in `nomination`): per district, nominations not forwarded, by status. */
export const notForwardedContributor =
  (nominations: Pick<NominationRepository, 'listByCampaign'>): FactsContributor =>
  async (campaign) => {
    if (campaign.stage !== 'nomination') return {};
    const byDistrict = new Map<string, Record<string, number>>();
    for (const n of await nominations.listByCampaign(campaign.id)) {
      if (!NOT_FORWARDED.includes(n.status)) continue;
      const counts = byDistrict.get(n.district) ?? {};
      counts[n.status] = (counts[n.status] ?? 0) + 1;
      byDistrict.set(n.district, counts);
    }
    return {
      notForwarded: campaign.config.districts.flatMap((d) => {
        const byStatus = byDistrict.get(d.id);
        return byStatus ? [{ district: d.id, byStatus }] : [];
      }),
    };
  };
