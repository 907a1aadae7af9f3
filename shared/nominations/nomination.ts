/**
 * The nomination record: one application (申报) of a unit (window) or a person (star), its form,
 * where it stands on its path and how it got there.
 *
 * Path: draft → submitted (owner) → endorsed | returned (its department; returned goes back to the
 * owner for edits and may be submitted again) → forwarded (its district, within quota) → approved |
 * rejected (an admin, in `review`) → disqualified (an upheld objection, from `publicity`). Its
 * district may send an endorsed nomination back to the department (endorsed → submitted, with the
 * reason), which endorses or returns it again.
 */
import * as z from '../zod';
import { categorySchema } from '../campaigns/schema';

export const NOMINATION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'endorsed',
  'forwarded',
  'approved',
  'rejected',
  'disqualified',
] as const;
export const nominationStatusSchema = z.enum(NOMINATION_STATUSES);
export type NominationStatus = z.infer<typeof nominationStatusSchema>;

/** Each status as the office says it (通过/未通过 as in the 初审 result), for pages and exports people read. */
export const STATUS_NAMES: Record<NominationStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  endorsed: '已评估',
  forwarded: '已报送',
  approved: '通过',
  rejected: '未通过',
  disqualified: '取消资格',
};

/** One step of the status history the applicant sees. */
export const historyEntrySchema = z.object({
  status: nominationStatusSchema,
  at: z.string(),
  /** Username of who made the step. */
  by: z.string(),
  /** The opinion, return reason, review reason or ruling that came with the step. */
  note: z.optional(z.string()),
  /** Set on the step by which its district sent the nomination back to the department (endorsed → submitted). */
  returnedBy: z.optional(z.literal('district')),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const formValueSchema = z.union([z.string(), z.array(z.string())]);

export const nominationSchema = z.object({
  /** `<campaignId>.<random>`: the id names its campaign, so one read finds it. */
  id: z.string(),
  campaignId: z.string(),
  category: categorySchema,
  /** The applicant's district (属地), one of the campaign's. */
  district: z.string(),
  /** The applicant's supervising department (主管部门), who endorses. */
  department: z.string(),
  /** The applicant's unit id, when its account names one. */
  unit: z.optional(z.string()),
  /** Username of the applicant account that filed it: the owner. */
  owner: z.string(),
  sector: z.string(),
  /** The application form, fields as in `forms.ts` (complete once submitted). */
  form: z.record(z.string(), formValueSchema),
  status: nominationStatusSchema,
  history: z.array(historyEntrySchema),
  /**
   * The department's evaluation opinion (评估意见/单位意见), given when endorsing, with the applicant's declarations
   * it confirmed (all of them); removed when its district sends the nomination back.
   */
  endorsement: z.optional(
    z.object({ opinion: z.string(), by: z.string(), at: z.string(), confirmed: z.optional(z.array(z.string())) }),
  ),
  /** The signed paper copies (一式两份) the office received, as an admin recorded them. */
  paperCopies: z.optional(
    z.object({ copies: z.int(), receivedAt: z.string(), note: z.optional(z.string()), by: z.string(), at: z.string() }),
  ),
  /** The unit's activity reports (活动报告) attached to the nomination: its own unit's, of this campaign. */
  activityReportIds: z.optional(z.array(z.string())),
  /** The office's review decision. */
  review: z.optional(
    z.object({ decision: z.enum(['approve', 'reject']), reason: z.string(), by: z.string(), at: z.string() }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Incremented on every change; writes are conditional on it, so racing steps cannot both win. */
  version: z.int(),
});
export type Nomination = z.infer<typeof nominationSchema>;

/** The campaign id a nomination id names, or undefined for an id no nomination can have. */
export const campaignIdOf = (nid: string): string | undefined => {
  const dot = nid.lastIndexOf('.');
  return dot > 0 && dot < nid.length - 1 ? nid.slice(0, dot) : undefined;
};

/** Who or what is nominated: the unit name of a window, the person's name of a star. */
export const nomineeName = (nomination: Nomination): string => {
  const value = nomination.form[nomination.category === 'window' ? 'unitName' : 'name'];
  return typeof value === 'string' ? value : '';
};

/** The ruling that disqualified the nomination (an upheld objection), as its history step records it. */
export const disqualificationReason = (nomination: Nomination): string | undefined =>
  nomination.status === 'disqualified'
    ? nomination.history.findLast((h) => h.status === 'disqualified')?.note
    : undefined;

/** The nomination after a step: new status, history entry appended, version bumped. */
export const withStep = (
  nomination: Nomination,
  status: NominationStatus,
  by: string,
  at: string,
  note?: string,
  returnedBy?: HistoryEntry['returnedBy'],
): Nomination => ({
  ...nomination,
  status,
  history: [
    ...nomination.history,
    { status, at, by, ...(note ? { note } : {}), ...(returnedBy ? { returnedBy } : {}) },
  ],
  updatedAt: at,
  version: nomination.version + 1,
});
