/**
 * Uploads of a nomination (SPEC.md "Application forms") and the photos of an activity report: the kinds with their
 * content types, size ranges and counts, the request and record schemas, and the object key layout
 * `campaigns/<cid>/nominations/<nid>/<uploadId>.<ext>` or `campaigns/<cid>/activity-reports/<rid>/<uploadId>.<ext>`
 * (never the user's file name).
 */
import * as z from '../zod';

const KB = 1024;
const MB = 1024 * KB;

export const UPLOAD_KINDS = [
  'activity_photo',
  'portrait',
  'unit_photo',
  'certificate',
  'endorsement_scan',
  'report_photo',
] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

const EXTENSIONS: Record<ContentType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

export interface UploadKindRule {
  label: string;
  contentTypes: readonly ContentType[];
  minBytes: number;
  maxBytes: number;
  /** Most verified uploads of this kind one nomination may hold. */
  maxCount: number;
  /** Categories whose nominations take this kind (none for a report's photos). */
  categories: ReadonlyArray<'window' | 'star'>;
  /** Who uploads it: the applicant (owner: the nomination's, or the report's unit), or the department while endorsing. */
  uploader: 'owner' | 'department';
}

/** Pixel bounds every uploaded image must decode to, each side. */
export const IMAGE_SIDE_PX = { min: 200, max: 10_000 } as const;

export const uploadKindRules: Record<UploadKind, UploadKindRule> = {
  // 活动照片: JPEG, 500 KB to 2 MB each, 3 to 5 per nomination.
  activity_photo: {
    label: '活动照片',
    contentTypes: ['image/jpeg'],
    minBytes: 500 * KB,
    maxBytes: 2 * MB,
    maxCount: 5,
    categories: ['window', 'star'],
    uploader: 'owner',
  },
  // 2寸照片 of the star.
  portrait: {
    label: '2寸照片',
    contentTypes: ['image/jpeg'],
    minBytes: 20 * KB,
    maxBytes: 2 * MB,
    maxCount: 1,
    categories: ['star'],
    uploader: 'owner',
  },
  // 5寸单位形象照片 of the window.
  unit_photo: {
    label: '5寸单位形象照片',
    contentTypes: ['image/jpeg'],
    minBytes: 100 * KB,
    maxBytes: 5 * MB,
    maxCount: 1,
    categories: ['window'],
    uploader: 'owner',
  },
  // 获奖证书复印件.
  certificate: {
    label: '获奖证书复印件',
    contentTypes: CONTENT_TYPES,
    minBytes: 1 * KB,
    maxBytes: 5 * MB,
    maxCount: 10,
    categories: ['window', 'star'],
    uploader: 'owner',
  },
  // 主管部门评估意见（加盖公章）扫描件.
  endorsement_scan: {
    label: '主管部门评估意见扫描件',
    contentTypes: CONTENT_TYPES,
    minBytes: 1 * KB,
    maxBytes: 5 * MB,
    maxCount: 2,
    categories: ['window', 'star'],
    uploader: 'department',
  },
  // Photos of an activity report (活动报告, notice 五.1), sized as the activity photos, up to 9 per report.
  report_photo: {
    label: '活动报告照片',
    contentTypes: ['image/jpeg', 'image/png'],
    minBytes: 500 * KB,
    maxBytes: 2 * MB,
    maxCount: 9,
    categories: [],
    uploader: 'owner',
  },
};

/** Most upload slots (pending, verified or rejected) one nomination or report may ever be issued. */
export const MAX_UPLOADS_ISSUED = 60;

/** The photo kinds the public candidate list shows. */
export const PUBLIC_PHOTO_KINDS: readonly UploadKind[] = ['unit_photo', 'portrait', 'activity_photo'];

/** The kinds the verifier makes a thumbnail of: the public photos and the reports' (JPEG ones, see make-thumbnail.ts). */
export const THUMBNAIL_KINDS: readonly UploadKind[] = [...PUBLIC_PHOTO_KINDS, 'report_photo'];

/** Odd characters (controls, bidi overrides, separators) a file name must not carry. */
const ODD_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export const uploadRequestSchema = z.strictObject({
  kind: z.enum(UPLOAD_KINDS),
  contentType: z.enum(CONTENT_TYPES),
  size: z.int().check(z.positive(), z.lte(100 * MB)),
  filename: z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(200),
    z.refine(
      (name) => !ODD_CHARACTERS.test(name),
      z.bilingual('文件名含有控制字符或不可见字符', 'the file name contains control or invisible characters'),
    ),
  ),
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

/** Body of POST /activity-reports/{rid}/uploads: a report takes photos only. */
export const reportUploadRequestSchema = z.extend(uploadRequestSchema, { kind: z.literal('report_photo') });

export const UPLOAD_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

export const uploadSchema = z.object({
  uploadId: z.string(),
  /** Its owner: the nomination, or the activity report (exactly one of the two). */
  nominationId: z.optional(z.string()),
  reportId: z.optional(z.string()),
  campaignId: z.string(),
  kind: z.enum(UPLOAD_KINDS),
  contentType: z.enum(CONTENT_TYPES),
  /** The name the uploader gave, for display only. */
  filename: z.string(),
  declaredSize: z.int(),
  /** Where the uploader's POST lands (writable by the policy until it expires). */
  key: z.string(),
  status: z.enum(UPLOAD_STATUSES),
  /** Why it was rejected, in Chinese; `reasonEn` in English (absent from records rejected before it was kept). */
  reason: z.optional(z.string()),
  reasonEn: z.optional(z.string()),
  size: z.optional(z.int()),
  width: z.optional(z.int()),
  height: z.optional(z.int()),
  createdAt: z.string(),
  createdBy: z.string(),
  policyExpiresAt: z.string(),
  checkedAt: z.optional(z.string()),
});
export type Upload = z.infer<typeof uploadSchema>;

/** Verified uploads per kind, for the submit check (3 to 5 activity photos, the portrait or unit photo...). */
export interface UploadSummary {
  verified: Record<UploadKind, number>;
}

/** Who holds an upload: a nomination (the files of its form) or an activity report (its photos). */
export type UploadOwner = { nominationId: string } | { reportId: string };

/** The owner an upload record names. */
export const ownerOf = (upload: Pick<Upload, 'nominationId' | 'reportId'>): UploadOwner =>
  upload.reportId === undefined ? { nominationId: upload.nominationId! } : { reportId: upload.reportId };

const ID = '[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}';
const KEY_PATTERN = new RegExp(
  `^campaigns/(${ID})/(nominations|activity-reports)/(${ID})/([0-9a-f-]{36})\\.(jpg|png|pdf)$`,
);

/**
 * The key the uploader's POST writes to: namespaced by campaign and owner, a safe extension, no user file name.
 */
export const uploadKey = (campaignId: string, owner: UploadOwner, uploadId: string, contentType: ContentType): string =>
  `campaigns/${campaignId}/${ownerFolder(owner)}/${uploadId}.${EXTENSIONS[contentType]}`;

/** The owner's folder under its campaign: `nominations/<nid>` or `activity-reports/<rid>`. */
const ownerFolder = (owner: UploadOwner) =>
  'reportId' in owner ? `activity-reports/${owner.reportId}` : `nominations/${owner.nominationId}`;

type Keyed = Pick<Upload, 'campaignId' | 'nominationId' | 'reportId' | 'uploadId'>;

/** Where a verified upload's checked bytes are kept: outside every policy's reach and the trigger's prefix. */
export const verifiedKey = (upload: Keyed & Pick<Upload, 'contentType'>): string =>
  `verified/${uploadKey(upload.campaignId, ownerOf(upload), upload.uploadId, upload.contentType)}`;

/** Where the thumbnail of a verified photo is kept (a JPEG, see thumbnail.ts), beside its checked copy. */
export const thumbnailKey = (upload: Keyed): string =>
  `verified/${uploadKey(upload.campaignId, ownerOf(upload), `${upload.uploadId}-thumb`, 'image/jpeg')}`;

/** The ids an upload key names (its campaign, owner and upload), or undefined for a key this concept never issued. */
export const parseUploadKey = (key: string): ({ campaignId: string; uploadId: string } & UploadOwner) | undefined => {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const owner = match[2] === 'activity-reports' ? { reportId: match[3]! } : { nominationId: match[3]! };
  return { campaignId: match[1]!, ...owner, uploadId: match[4]! };
};

/** S3 event keys arrive URL-encoded with `+` for spaces; this gives the key as stored (undefined if malformed). */
export const decodeS3EventKey = (key: string): string | undefined => {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
};
