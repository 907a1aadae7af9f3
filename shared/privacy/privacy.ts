/**
 * Personal data that expires (PIPL), see docs/data-inventory.md:
 * - voter data (the phone's keyed hash on ballots and the voter profile, brushing signals) gets a
 *   DynamoDB TTL of the campaign's close (its move to `awarded`) plus `voterDataRetentionDays`,
 *   stamped by a sweep that runs in slices on the clock tick until it has covered the table;
 * - nominees' personal form fields and their uploads are deleted `nomineeArchiveDays` after the
 *   close, or earlier on request (an admin, with a reason); each erasure is in the audit trail.
 */
import type { Actor } from '../auth/actor';
import type { Campaign, Stage } from '../campaigns/schema';
import { NotFoundError, say } from '../errors';
import { FORM_FIELDS } from '../nominations/forms';
import type { Nomination } from '../nominations/nomination';
import type { NominationAudit } from '../nominations/nomination-repository';
import type { ObjectionRepository } from '../objections/objection-repository';
import { type Upload, type UploadOwner, verifiedKey } from '../uploads/upload';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionPeriods {
  /** Days after the close that voter data is kept. */
  voterDataRetentionDays: number;
  /** Days after the close that nominees' personal fields and uploads are kept (the office's archive period). */
  nomineeArchiveDays: number;
}

/** The periods of a deployment that sets none (context `voterDataRetentionDays`, `nomineeArchiveDays`). */
export const DEFAULT_RETENTION_PERIODS: RetentionPeriods = { voterDataRetentionDays: 90, nomineeArchiveDays: 1095 };

/** Where the sweep of a campaign's voter data stands. */
export interface SweepState {
  done: boolean;
  /** Where the next slice starts (opaque to the domain). */
  cursor?: string;
}

/** Where the retention work of each closed campaign stands, and the voter-data sweep itself. */
export interface RetentionStore {
  sweepState(campaignId: string): Promise<SweepState | undefined>;
  /** Takes the campaign's sweep for `leaseMs` (false while another run holds it). */
  claimSweep(campaignId: string, now: Date, leaseMs: number): Promise<boolean>;
  /**
   * Stamps `expiresAt` (never later than one it has) on the campaign's voter data, from `cursor` until `deadline`; the
   * cursor to resume from, undefined when done.
   */
  stampVoterData(
    campaignId: string,
    expiresAt: Date,
    cursor: string | undefined,
    deadline: number,
  ): Promise<string | undefined>;
  /** Records the slice's progress and releases the claim. */
  saveSweep(campaignId: string, state: SweepState): Promise<void>;
  /** Whether every nominee of the campaign was erased at the end of its archive period. */
  archiveErased(campaignId: string): Promise<boolean>;
  markArchiveErased(campaignId: string, at: Date): Promise<void>;
}

export interface ErasureDeps {
  nominations: {
    get(nid: string): Promise<Nomination | undefined>;
    listByCampaign(cid: string): Promise<Nomination[]>;
    save(nomination: Nomination, audit: NominationAudit, stage: Stage): Promise<void>;
  };
  campaigns: { get(id: string): Promise<Campaign | undefined>; list(): Promise<Campaign[]> };
  uploads: { list(owner: UploadOwner): Promise<Upload[]>; remove(upload: Upload): Promise<void> };
  storage: { delete(key: string): Promise<void> };
  now?: () => Date;
}

export interface Erasure {
  nominationId: string;
  /** The personal form fields removed. */
  fields: string[];
  /** Uploads deleted (objects and records). */
  uploads: number;
}

/** The form's personal fields (forms.ts marks them) present on this nomination. */
const personalFieldsOf = (nomination: Nomination) =>
  FORM_FIELDS[nomination.category].filter((f) => f.personal && f.key in nomination.form).map((f) => f.key);

/**
 * Deletes a nominee's personal form fields and every upload of the nomination, and audits it.
 * Idempotent: a second run finds nothing and writes nothing.
 */
export const eraseNomineePersonalData = async (
  nid: string,
  { by, reason }: { by: string; reason: string },
  deps: ErasureDeps,
): Promise<Erasure> => {
  const now = deps.now ?? (() => new Date());
  const nomination = await deps.nominations.get(nid);
  if (!nomination) throw new NotFoundError(say(`没有申报 ${nid}`, `No nomination ${nid}`));
  const campaign = await deps.campaigns.get(nomination.campaignId);
  if (!campaign)
    throw new NotFoundError(say(`没有评选活动 ${nomination.campaignId}`, `No campaign ${nomination.campaignId}`));

  const uploads = await deps.uploads.list({ nominationId: nid });
  for (const upload of uploads) {
    // The objects first (the checked copy and any unchecked original): a record without its objects
    // is harmless, objects without a record would never be found again.
    await deps.storage.delete(verifiedKey(upload));
    await deps.storage.delete(upload.key);
    await deps.uploads.remove(upload);
  }
  const fields = personalFieldsOf(nomination);
  if (fields.length > 0 || uploads.length > 0) {
    const at = now().toISOString();
    const form = Object.fromEntries(Object.entries(nomination.form).filter(([key]) => !fields.includes(key)));
    await deps.nominations.save(
      { ...nomination, form, updatedAt: at, version: nomination.version + 1 },
      {
        campaignId: nomination.campaignId,
        at,
        by,
        action: 'nomination.personal-data-erased',
        subject: nid,
        reason,
        details: { fields, uploads: uploads.length },
      },
      campaign.stage,
    );
  }
  return { nominationId: nid, fields, uploads: uploads.length };
};

/** The admin's erasure on the nominee's request. */
export const eraseOnRequest = (nid: string, reason: string, actor: Actor, deps: ErasureDeps) =>
  eraseNomineePersonalData(nid, { by: actor.username, reason }, deps);

/** When a closed campaign's data is due: voter data expiry and the end of the archive period. */
export const retentionDates = (campaign: Campaign, periods: RetentionPeriods) => {
  const closedAt = Date.parse(campaign.stageChangedAt);
  return {
    voterDataExpiresAt: new Date(closedAt + periods.voterDataRetentionDays * DAY_MS),
    archiveEndsAt: new Date(closedAt + periods.nomineeArchiveDays * DAY_MS),
  };
};

const SWEEP_LEASE_MS = 90_000;

/**
 * One clock tick: for each closed campaign, a slice of its voter-data sweep (until `deadline`,
 * epoch ms), then, once its archive period has ended, the erasure of every nominee's personal data.
 */
export const expirePersonalData = async (
  periods: RetentionPeriods,
  deadline: number,
  deps: ErasureDeps & { retention: RetentionStore; objections: Pick<ObjectionRepository, 'list' | 'eraseFiler'> },
): Promise<Array<{ campaignId: string; sweep: 'done' | 'in progress' | 'busy'; erased: number }>> => {
  const now = deps.now ?? (() => new Date());
  const outcomes = [];
  for (const campaign of (await deps.campaigns.list()).filter((c) => c.stage === 'awarded')) {
    const { voterDataExpiresAt, archiveEndsAt } = retentionDates(campaign, periods);
    let sweep: 'done' | 'in progress' | 'busy' = 'done';
    const state = await deps.retention.sweepState(campaign.id);
    if (!state?.done) {
      if (await deps.retention.claimSweep(campaign.id, now(), SWEEP_LEASE_MS)) {
        const cursor = await deps.retention.stampVoterData(campaign.id, voterDataExpiresAt, state?.cursor, deadline);
        await deps.retention.saveSweep(campaign.id, { done: cursor === undefined, cursor });
        sweep = cursor === undefined ? 'done' : 'in progress';
      } else sweep = 'busy';
    }
    let erased = 0;
    if (now() >= archiveEndsAt && !(await deps.retention.archiveErased(campaign.id))) {
      let finished = true;
      for (const nomination of await deps.nominations.listByCampaign(campaign.id)) {
        if (Date.now() > deadline) {
          finished = false;
          break;
        }
        const erasure = await eraseNomineePersonalData(
          nomination.id,
          { by: 'schedule', reason: `归档期满 / Archive period of ${periods.nomineeArchiveDays} days ended` },
          deps,
        );
        if (erasure.fields.length > 0 || erasure.uploads > 0) erased += 1;
      }
      if (finished) {
        for (const objection of await deps.objections.list(campaign.id))
          if (objection.name || objection.phone) await deps.objections.eraseFiler(objection);
        // Once every nominee and filer is done, later ticks skip the campaign instead of reading it again.
        await deps.retention.markArchiveErased(campaign.id, now());
      }
    }
    outcomes.push({ campaignId: campaign.id, sweep, erased });
  }
  return outcomes;
};
