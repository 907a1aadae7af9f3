/**
 * The office's archive of one nomination (档案): a ZIP holding the filled form as the printable page (form.html, its
 * photo from inside the ZIP) and as data (nomination.json: the whole record, personal data included, as admins see it),
 * the list of its uploads (uploads.json) and the bytes of every verified upload (uploads/). It can reach tens of MB,
 * past Lambda's 6 MB response limit, so it is written to the bucket under `archives/` (expired by a lifecycle rule) and
 * handed out as a short-lived presigned link.
 */
import { randomBytes } from 'node:crypto';
import { type Zippable, zipSync } from 'fflate';
import type { Actor } from '../auth/actor';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { getNomination, MAIN_PHOTO } from '../nominations/nominations';
import type { NominationRepository } from '../nominations/nomination-repository';
import { renderPrintableForm } from '../nominations/print';
import type { ResultFiles } from '../results/result-files';
import { type Upload, UPLOAD_KINDS, verifiedKey } from '../uploads/upload';
import type { UploadRepository } from '../uploads/upload-repository';
import type { UploadStorage } from '../uploads/upload-storage';

export interface ArchiveDeps {
  nominations: NominationRepository;
  campaigns: Pick<CampaignRepository, 'get'>;
  uploads: Pick<UploadRepository, 'list'>;
  /** The verified copies of the uploads. */
  storage: Pick<UploadStorage, 'read'>;
  /** Where the archive is written and linked from. */
  files: Pick<ResultFiles, 'put' | 'link'>;
  now?: () => Date;
}

/** How long the link to an archive works. */
export const ARCHIVE_LINK_SECONDS = 900;

/** The bucket prefix of archives (infra grants `archives:*` on it; a lifecycle rule removes them after a day). */
export const ARCHIVES_PREFIX = 'archives/';

const extension = (upload: Upload): string => verifiedKey(upload).split('.').pop()!;

/** The ZIP entry of the n-th stored upload (from 0): `uploads/01-activity_photo.jpg`. */
const entryName = (upload: Upload, n: number): string =>
  `uploads/${String(n + 1).padStart(2, '0')}-${upload.kind}.${extension(upload)}`;

/** Builds the ZIP of one nomination's materials, stores it and returns a presigned link with what it holds. */
export const archiveNomination = async (nid: string, actor: Actor, deps: ArchiveDeps) => {
  const { now = () => new Date() } = deps;
  const nomination = await getNomination(nid, actor, deps);
  const campaign = await deps.campaigns.get(nomination.campaignId);
  const verified = (await deps.uploads.list({ nominationId: nomination.id }))
    .filter((u) => u.status === 'verified')
    .sort(
      (a, b) =>
        UPLOAD_KINDS.indexOf(a.kind) - UPLOAD_KINDS.indexOf(b.kind) ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.uploadId.localeCompare(b.uploadId),
    );
  const entries: Zippable = {};
  const listed: Array<Record<string, unknown>> = [];
  for (const upload of verified) {
    const object = await deps.storage.read(verifiedKey(upload));
    const name = entryName(upload, Object.keys(entries).length);
    // Images and PDFs are compressed already: stored as they are.
    if (object) entries[name] = [object.bytes, { level: 0 }];
    listed.push({
      file: object ? name : null,
      uploadId: upload.uploadId,
      kind: upload.kind,
      contentType: upload.contentType,
      filename: upload.filename,
      size: upload.size ?? null,
      checkedAt: upload.checkedAt ?? null,
    });
  }
  const photo = listed.find((u) => u.kind === MAIN_PHOTO[nomination.category] && u.file)?.file as string | undefined;
  const text = (value: string) => new TextEncoder().encode(value);
  entries['form.html'] = text(
    renderPrintableForm(nomination, {
      campaignName: campaign?.config.name ?? nomination.campaignId,
      ...(photo ? { photoUrl: photo } : {}),
    }),
  );
  entries['nomination.json'] = text(`${JSON.stringify(nomination, null, 2)}\n`);
  entries['uploads.json'] = text(`${JSON.stringify(listed, null, 2)}\n`);
  const zip = zipSync(entries, { mtime: now() });
  const stamp = now()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const key = `${ARCHIVES_PREFIX}${nomination.campaignId}/${nomination.id}/${stamp}-${randomBytes(4).toString('hex')}.zip`;
  await deps.files.put(key, Buffer.from(zip), 'application/zip');
  return {
    nominationId: nomination.id,
    name: `nomination-${nomination.id}.zip`,
    bytes: zip.length,
    entries: Object.keys(entries).sort(),
    missing: listed.filter((u) => u.file === null).map((u) => u.uploadId),
    expiresInSeconds: ARCHIVE_LINK_SECONDS,
    url: await deps.files.link(key, ARCHIVE_LINK_SECONDS),
  };
};
