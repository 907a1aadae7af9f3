/**
 * Uploads of a nomination (SPEC.md "Application forms"): the kinds with their content types, size
 * ranges and counts, the request and record schemas, and the object key layout
 * `campaigns/<cid>/nominations/<nid>/<uploadId>.<ext>` (never the user's file name).
 */
import * as z from '../zod';

const KB = 1024;
const MB = 1024 * KB;

export const UPLOAD_KINDS = ['activity_photo', 'portrait', 'unit_photo', 'certificate', 'endorsement_scan'] as const;
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
  /** Categories whose nominations take this kind. */
  categories: ReadonlyArray<'window' | 'star'>;
  /** Who uploads it: the applicant (owner) while editing, or the department while endorsing. */
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
};

/** Most upload slots (pending, verified or rejected) one nomination may ever be issued. */
export const MAX_UPLOADS_ISSUED = 60;

/** The photo kinds the public candidate list shows. */
export const PUBLIC_PHOTO_KINDS: readonly UploadKind[] = ['unit_photo', 'portrait', 'activity_photo'];

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

export const UPLOAD_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

export const uploadSchema = z.object({
  uploadId: z.string(),
  nominationId: z.string(),
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

const ID = '[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}';
const KEY_PATTERN = new RegExp(`^campaigns/(${ID})/nominations/(${ID})/([0-9a-f-]{36})\\.(jpg|png|pdf)$`);

/**
 * The key the uploader's POST writes to: namespaced by campaign and nomination, a safe extension, no user file name.
 */
export const uploadKey = (
  campaignId: string,
  nominationId: string,
  uploadId: string,
  contentType: ContentType,
): string => `campaigns/${campaignId}/nominations/${nominationId}/${uploadId}.${EXTENSIONS[contentType]}`;

/** Where a verified upload's checked bytes are kept: outside every policy's reach and the trigger's prefix. */
export const verifiedKey = (upload: Pick<Upload, 'campaignId' | 'nominationId' | 'uploadId' | 'contentType'>): string =>
  `verified/${uploadKey(upload.campaignId, upload.nominationId, upload.uploadId, upload.contentType)}`;

/** Where the thumbnail of a verified public photo is kept (a JPEG, see thumbnail.ts), beside its checked copy. */
export const thumbnailKey = (upload: Pick<Upload, 'campaignId' | 'nominationId' | 'uploadId'>): string =>
  `verified/${uploadKey(upload.campaignId, upload.nominationId, `${upload.uploadId}-thumb`, 'image/jpeg')}`;

/** The ids an upload key names, or undefined for a key this concept never issued. */
export const parseUploadKey = (
  key: string,
): { campaignId: string; nominationId: string; uploadId: string } | undefined => {
  const match = KEY_PATTERN.exec(key);
  return match ? { campaignId: match[1]!, nominationId: match[2]!, uploadId: match[3]! } : undefined;
};

/** S3 event keys arrive URL-encoded with `+` for spaces; this gives the key as stored (undefined if malformed). */
export const decodeS3EventKey = (key: string): string | undefined => {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
};
