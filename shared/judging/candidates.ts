/**
 * The candidates judging and scoring work on: approved nominations, and disqualified ones (listed,
 * never scored or awarded). Built from the nominations concept; materials without personal data
 * and without contact numbers, as judges may see them (SPEC.md "Personal data").
 */
import type { Category } from '../campaigns/schema';
import { FORM_FIELDS } from '../nominations/forms';
import { nomineeName, type Nomination } from '../nominations/nomination';

export interface Candidate {
  nominationId: string;
  category: Category;
  district: string;
  department: string;
  unit?: string;
  name: string;
  sector: string;
  disqualified: boolean;
  /** Form fields a judge may read (no personal data, no phone numbers), with their printed titles. */
  materials: Array<{ key: string; title: string; value: string | string[] }>;
  /** The supervising department's evaluation opinion (评估意见), given when it endorsed the nomination. */
  opinion?: string;
  /** The unit's activity reports the nomination attaches. */
  activityReportIds?: string[];
}

/** The campaign's approved and disqualified candidates. */
export type CandidateSource = (campaignId: string) => Promise<Candidate[]>;

/** Whether a form field may be shown to judges: not personal data and not a contact number. */
const judgeVisible = (category: Category) =>
  FORM_FIELDS[category].filter((f) => !f.personal && f.kind.type !== 'phone' && f.kind.type !== 'mobile');

/** A nomination as a candidate (only approved and disqualified nominations are candidates). */
export const candidateFromNomination = (nomination: Nomination): Candidate => ({
  nominationId: nomination.id,
  category: nomination.category,
  district: nomination.district,
  department: nomination.department,
  ...(nomination.unit ? { unit: nomination.unit } : {}),
  name: nomineeName(nomination),
  sector: nomination.sector,
  disqualified: nomination.status === 'disqualified',
  materials: judgeVisible(nomination.category)
    .filter((f) => nomination.form[f.key] !== undefined)
    .map((f) => ({ key: f.key, title: f.title, value: nomination.form[f.key]! })),
  ...(nomination.endorsement ? { opinion: nomination.endorsement.opinion } : {}),
  ...(nomination.activityReportIds ? { activityReportIds: nomination.activityReportIds } : {}),
});

/** The candidate source over the nominations repository (approved, then disqualified). */
export const nominationCandidates =
  (nominations: {
    listByCampaign(cid: string, filter?: { status?: Nomination['status'] }): Promise<Nomination[]>;
  }): CandidateSource =>
  async (campaignId) => {
    const [approved, disqualified] = await Promise.all([
      nominations.listByCampaign(campaignId, { status: 'approved' }),
      nominations.listByCampaign(campaignId, { status: 'disqualified' }),
    ]);
    return [...approved, ...disqualified].map(candidateFromNomination);
  };
