/**
 * Helpers for the nomination integration tests: each test file makes its own campaign (so files
 * running at once never share quotas), seeds nominations in a given status straight through the
 * repository where a test is about a later step, and marks uploads verified through the uploads
 * repository (the real presigned-POST path is exercised in nominations-flow.test.ts).
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import type { Category, Stage } from '../../shared/campaigns/schema';
import { createNominationRepository } from '../../shared/nominations/nomination-repository';
import type { Nomination, NominationStatus } from '../../shared/nominations/nomination';
import { createUploadRepository } from '../../shared/uploads/upload-repository';
import { thumbnailKey, uploadKey, verifiedKey, type UploadKind } from '../../shared/uploads/upload';
import { makeThumbnail } from '../../shared/uploads/make-thumbnail';
import { demoUsers } from '../../infra/local/demo-users';
import { api, clients, login } from '../support/api';
import { starForm, windowForm } from './fixtures';

export const repository = () => createNominationRepository({ tableName: process.env.TABLE_NAME! });

/** A fresh campaign with the 2019 configuration, moved to `nomination`. */
export const newCampaign = async (): Promise<string> => {
  const admin = await login('admin');
  const created = await api('POST', '/campaigns', { token: admin, body: campaign2019 });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await moveTo(created.body.id, 'nomination');
  return created.body.id as string;
};

/** Moves the campaign one stage on, as an admin. */
export const moveTo = async (cid: string, stage: Stage) => {
  const moved = await api('POST', `/campaigns/${cid}/transitions`, {
    token: await login('admin'),
    body: { to: stage },
  });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
};

const user = (username: string) => demoUsers.find((u) => u.username === username)!;

/**
 * A nomination of `applicant-<district>` stored directly in the given status, with a complete form (the campaign must
 * be in `stage`).
 */
export const seedNomination = async (
  cid: string,
  {
    district = 'zhanghe',
    category = 'star',
    status = 'draft',
    stage = 'nomination',
  }: { district?: string; category?: Category; status?: NominationStatus; stage?: Stage } = {},
): Promise<Nomination> => {
  const applicant = user(`applicant-${district}`);
  const at = new Date().toISOString();
  const nomination: Nomination = {
    id: `${cid}.${randomBytes(8).toString('hex')}`,
    campaignId: cid,
    category,
    district,
    department: applicant.department!,
    unit: applicant.unit!,
    owner: applicant.username,
    sector: '供水',
    form: category === 'star' ? starForm() : windowForm(),
    status,
    history: [{ status, at, by: 'seed' }],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await repository().create(
    nomination,
    { campaignId: cid, at, by: 'seed', action: 'test.seeded', subject: nomination.id },
    stage,
  );
  return nomination;
};

/**
 * One verified upload as the verifier leaves it: the record, the counter and, when bytes are
 * given, the checked bytes at the verified key and their thumbnail.
 */
export const storeVerifiedUpload = async (
  nomination: Nomination,
  kind: UploadKind,
  {
    bytes,
    size = bytes?.length ?? 600_000,
    width = 800,
    height = 600,
  }: { bytes?: Buffer; size?: number; width?: number; height?: number } = {},
) => {
  const uploads = createUploadRepository({ tableName: process.env.TABLE_NAME! });
  const at = new Date().toISOString();
  const uploadId = randomUUID();
  const upload = {
    uploadId,
    nominationId: nomination.id,
    campaignId: nomination.campaignId,
    kind,
    contentType: 'image/jpeg' as const,
    filename: `${kind}.jpg`,
    declaredSize: size,
    key: uploadKey(nomination.campaignId, { nominationId: nomination.id }, uploadId, 'image/jpeg'),
    status: 'pending' as const,
    createdAt: at,
    createdBy: nomination.owner,
    policyExpiresAt: at,
  };
  await uploads.createPending(upload, { maxCount: 10, maxIssued: 60 });
  if (bytes) {
    await clients().s3.send(
      new PutObjectCommand({
        Bucket: process.env.UPLOADS_BUCKET_NAME!,
        Key: verifiedKey(upload),
        Body: bytes,
        ContentType: 'image/jpeg',
      }),
    );
    await clients().s3.send(
      new PutObjectCommand({
        Bucket: process.env.UPLOADS_BUCKET_NAME!,
        Key: thumbnailKey(upload),
        Body: makeThumbnail(bytes),
        ContentType: 'image/jpeg',
      }),
    );
  }
  expect(await uploads.markVerified(upload, { size, width, height, checkedAt: at }, 10, [nomination.status])).toBe(
    'verified',
  );
};

/** Records verified uploads of the given kinds for a nomination (as the upload verifier would). */
export const verifiedUploads = async (nomination: Nomination, kinds: Partial<Record<UploadKind, number>>) => {
  for (const [kind, count] of Object.entries(kinds) as Array<[UploadKind, number]>) {
    for (let i = 0; i < count; i++) await storeVerifiedUpload(nomination, kind);
  }
};

/** The stored nomination, read back. */
export const stored = (nid: string) => repository().get(nid);
