/**
 * Upload use cases: hand out a presigned POST for one file of a nomination or one photo of an activity report, verify
 * what arrived (the real check: size, magic bytes, dimensions, count), list a nomination's uploads with their
 * verdicts, and summarize the verified ones for the submit check, the public candidate list and the reports.
 */
import { randomUUID } from 'node:crypto';
import type { ActivityReportRepository } from '../activity-reports/report-repository';
import type { ActivityReport } from '../activity-reports/report';
import type { Actor } from '../auth/actor';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { CATEGORY_NAMES, STAGE_NAMES, type Campaign } from '../campaigns/schema';
import { type Bilingual, ConflictError, ForbiddenError, NotFoundError, RuleViolationError, say } from '../errors';
import { isItsDepartment, isOwner, readableOr404 } from '../nominations/access';
import { STATUS_NAMES, type Nomination, type NominationStatus } from '../nominations/nomination';
import { checkUploadContent } from './content-checks';
import { stripMetadata } from './strip-metadata';
import { hasThumbnail, thumbnailSize } from './thumbnail';
import type { UploadRepository } from './upload-repository';
import type { UploadStorage } from './upload-storage';
import {
  MAX_UPLOADS_ISSUED,
  PUBLIC_PHOTO_KINDS,
  THUMBNAIL_KINDS,
  decodeS3EventKey,
  ownerOf,
  parseUploadKey,
  uploadKey,
  uploadKindRules,
  thumbnailKey,
  verifiedKey,
  type Upload,
  type UploadKind,
  type UploadOwner,
  type UploadRequest,
  type UploadSummary,
} from './upload';

export interface UploadDeps {
  campaigns: Pick<CampaignRepository, 'get'>;
  nominations: { get(nid: string): Promise<Nomination | undefined> };
  uploads: UploadRepository;
  storage: UploadStorage;
  /** How long presigned POSTs and GETs stay valid. */
  expiry: { postSeconds: number; getSeconds: number };
  now?: () => Date;
}

const EDITABLE: readonly NominationStatus[] = ['draft', 'returned'];

/** Who may add this kind of file: the nomination's owner, or for the department's kinds its department. */
const assertMayUpload = (actor: Actor, nomination: Nomination, kind: UploadKind): void => {
  const rule = uploadKindRules[kind];
  if (rule.uploader === 'owner') {
    if (!isOwner(actor, nomination))
      throw new ForbiddenError(
        say(
          `${rule.label}只能由填报该申报的单位上传`,
          `Only the applicant that filed the nomination uploads a ${rule.label}`,
        ),
      );
  } else if (!isItsDepartment(actor, nomination)) {
    throw new ForbiddenError(
      say(`${rule.label}只能由该申报的主管部门上传`, `Only the nomination's department uploads its ${rule.label}`),
    );
  }
};

/** The nomination statuses in which this kind of file is taken. */
const openStatuses = (kind: UploadKind): readonly NominationStatus[] =>
  uploadKindRules[kind].uploader === 'owner' ? EDITABLE : ['submitted'];

/**
 * Why this kind of file is not taken now, or undefined when it is: the owner's files while the
 * nomination is draft or returned, the department's while it awaits endorsement, and only while
 * the campaign is in nomination. Checked when a POST is handed out and again when the file arrives.
 */
const uploadClosed = (
  nomination: Nomination,
  kind: UploadKind,
  campaign: Pick<Campaign, 'stage'> | undefined,
): ConflictError | undefined => {
  const rule = uploadKindRules[kind];
  const { status } = nomination;
  if (!openStatuses(kind).includes(status)) {
    return rule.uploader === 'owner'
      ? new ConflictError(
          'NOT_EDITABLE',
          say(
            `只有申报处于“草稿”或“已退回”状态时才能添加文件，现为“${STATUS_NAMES[status]}”`,
            `Files can be added while the nomination is draft or returned; it is ${status}`,
          ),
          { status },
        )
      : new ConflictError(
          'NOT_AWAITING_ENDORSEMENT',
          say(
            `${rule.label}须在申报待主管部门评估时上传，申报现为“${STATUS_NAMES[status]}”`,
            `The ${rule.label} is added while the nomination awaits endorsement; it is ${status}`,
          ),
          { status },
        );
  }
  if (campaign?.stage !== 'nomination') {
    return new ConflictError(
      'WRONG_STAGE',
      say(
        `只有在“申报推荐”阶段才能更改文件，评选活动现处于${campaign ? `“${STAGE_NAMES[campaign.stage]}”阶段` : '无阶段（已不存在）'}`,
        `Files change while the campaign is in nomination; it is in ${campaign?.stage ?? 'no stage'}`,
      ),
      { stage: campaign?.stage, required: 'nomination' },
    );
  }
  return undefined;
};

/** 409 unless this kind of file is taken now (see uploadClosed). */
const assertUploadOpen = async (nomination: Nomination, kind: UploadKind, deps: Pick<UploadDeps, 'campaigns'>) => {
  const closed = uploadClosed(nomination, kind, await deps.campaigns.get(nomination.campaignId));
  if (closed) throw closed;
};

/**
 * A presigned POST for one file, in `nomination`: the kind fits the category, the type and declared
 * size fit the kind, the caller may add it now, and the kind is not full yet. The policy can write only this key.
 */
export const requestUpload = async (nid: string, request: UploadRequest, actor: Actor, deps: UploadDeps) => {
  const nomination = readableOr404(actor, nid, await deps.nominations.get(nid));
  const rule = uploadKindRules[request.kind];
  assertMayUpload(actor, nomination, request.kind);
  await assertUploadOpen(nomination, request.kind, deps);
  if (!rule.categories.includes(nomination.category)) {
    throw new RuleViolationError(
      'KIND_NOT_FOR_CATEGORY',
      say(
        `${CATEGORY_NAMES[nomination.category]}申报不需要${rule.label}（${request.kind}）`,
        `A ${nomination.category} nomination takes no ${request.kind} (${rule.label})`,
      ),
      {
        kind: request.kind,
        category: nomination.category,
      },
    );
  }
  return issueUpload({ nominationId: nomination.id }, nomination.campaignId, request, actor, deps);
};

/**
 * A presigned POST for one photo of an activity report, to the report's unit (the route checked it), while the
 * campaign is in `nomination`.
 */
export const requestReportUpload = async (
  report: ActivityReport,
  request: UploadRequest,
  actor: Actor,
  deps: Omit<UploadDeps, 'nominations'>,
) => {
  const stage = (await deps.campaigns.get(report.campaignId))?.stage;
  if (stage !== 'nomination') {
    throw new ConflictError(
      'WRONG_STAGE',
      say('当前阶段不能上传活动报告照片', 'Report photos are added while the campaign is in nomination'),
      { stage, required: 'nomination' },
    );
  }
  return issueUpload({ reportId: report.id }, report.campaignId, request, actor, deps);
};

/** Checks the type and declared size against the kind, records the pending upload and signs its POST. */
const issueUpload = async (
  owner: UploadOwner,
  campaignId: string,
  request: UploadRequest,
  actor: Actor,
  deps: Pick<UploadDeps, 'uploads' | 'storage' | 'expiry' | 'now'>,
) => {
  const { now = () => new Date() } = deps;
  const rule = uploadKindRules[request.kind];
  if (!rule.contentTypes.includes(request.contentType)) {
    throw new RuleViolationError(
      'CONTENT_TYPE_NOT_ALLOWED',
      say(
        `${rule.label}的文件类型须为 ${rule.contentTypes.join(' 或 ')}`,
        `A ${rule.label} must be ${rule.contentTypes.join(' or ')}`,
      ),
      {
        kind: request.kind,
        allowed: rule.contentTypes,
      },
    );
  }
  if (request.size < rule.minBytes || request.size > rule.maxBytes) {
    throw new RuleViolationError(
      'SIZE_OUT_OF_RANGE',
      say(
        `${rule.label}的大小须在 ${rule.minBytes} 至 ${rule.maxBytes} 字节之间，此文件为 ${request.size} 字节`,
        `A ${rule.label} must be ${rule.minBytes} to ${rule.maxBytes} bytes; this one is ${request.size}`,
      ),
      {
        kind: request.kind,
        minBytes: rule.minBytes,
        maxBytes: rule.maxBytes,
      },
    );
  }
  const at = now();
  const uploadId = randomUUID();
  const upload: Upload = {
    uploadId,
    ...owner,
    campaignId,
    kind: request.kind,
    contentType: request.contentType,
    filename: request.filename,
    declaredSize: request.size,
    key: uploadKey(campaignId, owner, uploadId, request.contentType),
    status: 'pending',
    createdAt: at.toISOString(),
    createdBy: actor.username,
    policyExpiresAt: new Date(at.getTime() + deps.expiry.postSeconds * 1000).toISOString(),
  };
  await deps.uploads.createPending(upload, { maxCount: rule.maxCount, maxIssued: MAX_UPLOADS_ISSUED });
  const post = await deps.storage.presignPost(
    { key: upload.key, contentType: upload.contentType, minBytes: rule.minBytes, maxBytes: rule.maxBytes },
    deps.expiry.postSeconds,
  );
  return {
    uploadId,
    url: post.url,
    fields: post.fields,
    expiresAt: upload.policyExpiresAt,
    kind: upload.kind,
    minBytes: rule.minBytes,
    maxBytes: rule.maxBytes,
  };
};

/** Why an arrived file is not taken any more, or undefined: its nomination's rules, or its report gone or closed. */
const whyClosed = async (
  upload: Upload,
  deps: Pick<UploadDeps, 'nominations' | 'campaigns'> & { reports: Pick<ActivityReportRepository, 'get'> },
): Promise<Bilingual | undefined> => {
  const owner = ownerOf(upload);
  const campaign = () => deps.campaigns.get(upload.campaignId);
  if ('reportId' in owner) {
    if (!(await deps.reports.get(owner.reportId))) return say('活动报告已不存在', 'the report is gone');
    const stage = (await campaign())?.stage;
    return stage === 'nomination'
      ? undefined
      : say(`评选活动现处于“${stage ? STAGE_NAMES[stage] : '未知'}”阶段`, `the campaign is in ${stage ?? 'no stage'}`);
  }
  const nomination = await deps.nominations.get(owner.nominationId);
  return nomination
    ? uploadClosed(nomination, upload.kind, await campaign())?.text
    : say('申报已不存在', 'the nomination is gone');
};

export type VerifyResult = { outcome: 'verified' | 'rejected' | 'ignored'; reason?: string; uploadId?: string };

/**
 * Checks an object that arrived under `campaigns/`: it must be a pending upload's key, arrive while
 * its kind is still taken (nomination status and campaign stage: no photo swapped in after
 * submission, no scan after endorsement), of the kind's real size, type and dimensions, and within
 * the kind's count (atomically). A bad one is
 * deleted and recorded rejected with its reason; a good one is kept, without its metadata (EXIF GPS
 * position and the like), under a key no policy can write; its recorded size is the checked file's.
 * Anything else under the prefix (a second POST to a used key, a key never issued) is deleted. The
 * same event twice changes nothing the second time.
 */
export const verifyUploadedObject = async (
  eventKey: string,
  {
    uploads,
    storage,
    nominations,
    campaigns,
    makeThumbnail,
    now = () => new Date(),
    reports,
  }: Pick<UploadDeps, 'uploads' | 'storage' | 'nominations' | 'campaigns' | 'now'> & {
    reports: Pick<ActivityReportRepository, 'get'>;
    /** The JPEG thumbnail of a public photo (make-thumbnail.ts), passed in so only the verifier bundles jpeg-js. */
    makeThumbnail: (jpeg: Uint8Array) => Uint8Array | undefined;
  },
): Promise<VerifyResult> => {
  const key = decodeS3EventKey(eventKey);
  const ids = key === undefined ? undefined : parseUploadKey(key);
  if (key === undefined || !ids) {
    if (key !== undefined) await storage.delete(key);
    return { outcome: 'ignored', reason: 'not a key this service issued' };
  }
  const upload = await uploads.get(ownerOf(ids), ids.uploadId);
  if (!upload || upload.key !== key) {
    await storage.delete(key);
    return { outcome: 'ignored', reason: 'no upload was issued for this key' };
  }
  if (upload.status !== 'pending') {
    await storage.delete(key); // a repeated event, or a second POST to a key already checked
    return { outcome: 'ignored', reason: `already ${upload.status}`, uploadId: upload.uploadId };
  }
  const checkedAt = now().toISOString();
  const reject = async (reason: Bilingual, facts: { size?: number; width?: number; height?: number } = {}) => {
    await uploads.markRejected(upload, reason, { ...facts, checkedAt });
    await storage.delete(key);
    return { outcome: 'rejected' as const, reason: reason.en, uploadId: upload.uploadId };
  };
  const closed = await whyClosed(upload, { nominations, campaigns, reports });
  if (closed) return reject(say(`不再受理：${closed.zh}`, `not taken any more: ${closed.en}`));
  const object = await storage.read(key);
  if (!object) return { outcome: 'ignored', reason: 'the object is gone', uploadId: upload.uploadId };
  const rule = uploadKindRules[upload.kind];
  const verdict = checkUploadContent(rule, upload.contentType, object.bytes, object.contentType);
  const { size, width, height } = verdict;
  if (!verdict.ok) return reject(verdict.reason, { size, width, height });
  const published = stripMetadata(upload.contentType, object.bytes);
  if ('error' in published) return reject(published.error, { size, width, height });
  await storage.put(verifiedKey(upload), published.bytes, upload.contentType);
  // Photos get a thumbnail for the gallery, before the record says verified.
  const thumbnail = THUMBNAIL_KINDS.includes(upload.kind) ? makeThumbnail(published.bytes) : undefined;
  if (thumbnail) await storage.put(thumbnailKey(upload), thumbnail, 'image/jpeg');
  const outcome = await uploads.markVerified(
    upload,
    { size, width, height, checkedAt },
    rule.maxCount,
    openStatuses(upload.kind),
  );
  if (outcome === 'closed' || outcome === 'over-limit') {
    await storage.delete(verifiedKey(upload));
    await storage.delete(thumbnailKey(upload));
    return reject(
      outcome === 'closed'
        ? say(
            '不再受理：核验文件期间申报或评选活动已进入下一环节',
            'not taken any more: the nomination or the campaign moved on while the file was checked',
          )
        : say(
            `${'reportId' in ownerOf(upload) ? '此活动报告' : '此申报'}已有 ${rule.maxCount} 个经核验的${rule.label}，已达上限`,
            `the ${'reportId' in ownerOf(upload) ? 'report' : 'nomination'} already holds ${rule.maxCount} verified ${rule.label}, the most it may have`,
          ),
      { size, width, height },
    );
  }
  await storage.delete(key);
  return outcome === 'verified'
    ? { outcome, uploadId: upload.uploadId }
    : { outcome: 'ignored', reason: 'checked meanwhile', uploadId: upload.uploadId };
};

/**
 * Removes an upload (to replace a wrong portrait, say), by whoever may add its kind now: its count
 * is released and its files deleted. A POST still arriving for it later finds no record and is deleted.
 */
export const removeUpload = async (
  nid: string,
  uploadId: string,
  actor: Actor,
  deps: UploadDeps,
): Promise<{ uploadId: string; removed: true }> => {
  const nomination = readableOr404(actor, nid, await deps.nominations.get(nid));
  const upload = await deps.uploads.get({ nominationId: nomination.id }, uploadId);
  if (!upload)
    throw new NotFoundError(say(`申报 ${nid} 中没有文件 ${uploadId}`, `No upload ${uploadId} in nomination ${nid}`));
  assertMayUpload(actor, nomination, upload.kind);
  await assertUploadOpen(nomination, upload.kind, deps);
  await deps.uploads.remove(upload);
  await deps.storage.delete(verifiedKey(upload));
  await deps.storage.delete(thumbnailKey(upload));
  await deps.storage.delete(upload.key);
  return { uploadId, removed: true };
};

/** The uploads of a nomination its readers may see, each with its verdict; verified ones with a short-lived GET URL. */
export const listUploads = async (nid: string, actor: Actor, deps: UploadDeps) => {
  const { now = () => new Date() } = deps;
  const nomination = readableOr404(actor, nid, await deps.nominations.get(nid));
  const urlExpiresAt = new Date(now().getTime() + deps.expiry.getSeconds * 1000).toISOString();
  const uploads = await deps.uploads.list({ nominationId: nomination.id });
  return Promise.all(
    uploads.map(async (u) => ({
      uploadId: u.uploadId,
      kind: u.kind,
      contentType: u.contentType,
      filename: u.filename,
      status: u.status,
      ...(u.reason ? { reason: u.reason, reasonEn: u.reasonEn ?? u.reason } : {}),
      declaredSize: u.declaredSize,
      ...(u.size !== undefined ? { size: u.size } : {}),
      ...(u.width !== undefined ? { width: u.width, height: u.height } : {}),
      createdAt: u.createdAt,
      ...(u.checkedAt ? { checkedAt: u.checkedAt } : {}),
      ...(u.status === 'pending' ? { policyExpiresAt: u.policyExpiresAt } : {}),
      ...(u.status === 'verified'
        ? { url: await deps.storage.presignGet(verifiedKey(u), deps.expiry.getSeconds), urlExpiresAt }
        : {}),
    })),
  );
};

/** Verified uploads per kind: what the submit check counts (3 to 5 activity photos, the portrait or unit photo). */
export const summarizeUploads = async (
  nid: string,
  { uploads }: Pick<UploadDeps, 'uploads'>,
): Promise<UploadSummary> => ({
  verified: await uploads.verifiedCounts({ nominationId: nid }),
});

/**
 * The verified photos the public may see of a candidate (unit or portrait photo first, then activity photos), with GET
 * URLs.
 */
export const publicPhotos = async (nid: string, deps: PhotoDeps) => {
  const verified = (await deps.uploads.list({ nominationId: nid })).filter(
    (u) => u.status === 'verified' && PUBLIC_PHOTO_KINDS.includes(u.kind),
  );
  verified.sort((a, b) => PUBLIC_PHOTO_KINDS.indexOf(a.kind) - PUBLIC_PHOTO_KINDS.indexOf(b.kind));
  return photoLinks(verified, deps);
};

/** The verified photos of an activity report, oldest first, with GET URLs. */
export const reportPhotos = async (rid: string, deps: PhotoDeps) =>
  photoLinks(
    (await deps.uploads.list({ reportId: rid })).filter((u) => u.status === 'verified'),
    deps,
  );

type PhotoDeps = Pick<UploadDeps, 'uploads' | 'expiry'> & { storage: Pick<UploadStorage, 'presignGet'> };

/** Short-lived GETs of verified photos, with their thumbnails where the verifier made one (JPEGs up to 40 MP). */
const photoLinks = (verified: Upload[], { storage, expiry }: PhotoDeps) =>
  Promise.all(
    verified.map(async (u) => ({
      kind: u.kind,
      width: u.width,
      height: u.height,
      url: await storage.presignGet(verifiedKey(u), expiry.getSeconds),
      ...(u.contentType === 'image/jpeg' && u.width && u.height && hasThumbnail(u.width, u.height)
        ? {
            thumbnail: {
              ...thumbnailSize(u.width, u.height),
              url: await storage.presignGet(thumbnailKey(u), expiry.getSeconds),
            },
          }
        : {}),
    })),
  );
