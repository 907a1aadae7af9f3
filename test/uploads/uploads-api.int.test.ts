/**
 * Uploads through the local gateway with real presigned POSTs to s3rver, verified by the worker
 * that s3rver's ObjectCreated events reach: good files verified, bad ones rejected and deleted,
 * the count limit held under concurrency, the same event twice changing nothing, bad input refused.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as jpeg from 'jpeg-js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context, S3Event } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as verifyHandler } from '../../functions/uploads/verify-upload';
import { jpegDimensions } from '../../shared/uploads/content-checks';
import { createUploadRepository } from '../../shared/uploads/upload-repository';
import { parseUploadKey, thumbnailKey, verifiedKey } from '../../shared/uploads/upload';
import type { Nomination } from '../../shared/nominations/nomination';
import { nominationPutItem } from '../../shared/nominations/nomination-repository';
import { seedNomination, newCampaign } from '../nominations/support';
import { api, clients, login } from '../support/api';
import { exifSegment, makeJpeg, makePdf } from './images';
import { postForm, type Slot } from './post-form';

const KB = 1024;
const bucket = () => process.env.UPLOADS_BUCKET_NAME!;
const uploads = () => createUploadRepository({ tableName: process.env.TABLE_NAME! });

const presign = async (nid: string, token: string, body: Record<string, unknown>) =>
  api<Slot>('POST', `/nominations/${nid}/uploads`, { token, body });

type Listed = {
  uploadId: string;
  kind: string;
  status: string;
  reason?: string;
  reasonEn?: string;
  size?: number;
  width?: number;
  height?: number;
  url?: string;
};

const listUploads = async (nid: string, token: string) => {
  const list = await api<{ uploads: Listed[] }>('GET', `/nominations/${nid}/uploads`, { token });
  expect(list.status).toBe(200);
  return list.body.uploads;
};

/** Waits until the verifier has judged every one of the uploads. */
const judged = async (nid: string, token: string, uploadIds: string[]): Promise<Listed[]> => {
  for (let i = 0; i < 150; i++) {
    const mine = (await listUploads(nid, token)).filter((u) => uploadIds.includes(u.uploadId));
    if (mine.length === uploadIds.length && mine.every((u) => u.status !== 'pending')) return mine;
    await sleep(100);
  }
  throw new Error(`uploads ${uploadIds.join(', ')} were never judged`);
};

const upload = async (
  nid: string,
  token: string,
  kind: string,
  file: Buffer,
  declared = { contentType: 'image/jpeg', size: file.length },
) => {
  const slot = await presign(nid, token, { kind, ...declared, filename: `${kind}.jpg` });
  expect(slot.status, JSON.stringify(slot.body)).toBe(201);
  await postForm(slot.body, file);
  return (await judged(nid, token, [slot.body.uploadId]))[0]!;
};

const exists = async (key: string) => {
  try {
    await clients().s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return true;
  } catch {
    return false;
  }
};

/** Moves a stored nomination on, as the workflow would between a presign and the POST. */
const submitDirectly = async (nomination: Nomination, status: Nomination['status'] = 'submitted') =>
  clients().dynamodb.send(
    new PutCommand(
      nominationPutItem(process.env.TABLE_NAME!, { ...nomination, status, version: nomination.version + 1 }).Put,
    ),
  );

const photo = (size = 600 * KB) => makeJpeg({ width: 1600, height: 1200, size });

let cid: string;
let applicant: string;
beforeAll(async () => {
  cid = await newCampaign();
  applicant = await login('applicant-zhanghe');
});

describe('real uploads, verified by the worker', () => {
  it('verifies a good JPEG, keeps the checked image under a key no policy reaches, and serves it by a short-lived URL', async () => {
    const nomination = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    const file = photo();
    const slot = await presign(nomination.id, applicant, {
      kind: 'activity_photo',
      contentType: 'image/jpeg',
      size: file.length,
      filename: '活动 照片 1.jpg',
    });
    expect(slot.status).toBe(201);
    expect(slot.body.fields.key).toBe(`campaigns/${cid}/nominations/${nomination.id}/${slot.body.uploadId}.jpg`);
    expect(Date.parse(slot.body.expiresAt)).toBeGreaterThan(Date.now());
    await postForm(slot.body, file);
    const [verified] = await judged(nomination.id, applicant, [slot.body.uploadId]);
    expect(verified).toMatchObject({
      kind: 'activity_photo',
      status: 'verified',
      size: 600 * KB,
      width: 1600,
      height: 1200,
    });
    const served = await fetch(verified!.url!);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(makeJpeg({ width: 1600, height: 1200 }))).toBe(true); // the image, without the comment padding
    expect(await exists(slot.body.fields.key!)).toBe(false);
    // The gallery's thumbnail, made at verification: a JPEG 320 px wide.
    const stored = (await uploads().get({ nominationId: nomination.id }, slot.body.uploadId))!;
    const thumbnail = await clients().s3.send(new GetObjectCommand({ Bucket: bucket(), Key: thumbnailKey(stored) }));
    const decoded = jpeg.decode(Buffer.from(await thumbnail.Body!.transformToByteArray()));
    expect([decoded.width, decoded.height]).toEqual([320, 240]);
  });

  it('publishes a phone photo without its EXIF (GPS position, camera, time): no APP1 segment, same dimensions, the checked size recorded', async () => {
    const nomination = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    const file = makeJpeg({ width: 1600, height: 1200, size: 600 * KB, metadata: [exifSegment()] });
    const verified = await upload(nomination.id, applicant, 'activity_photo', file);
    expect(verified).toMatchObject({ status: 'verified', size: file.length, width: 1600, height: 1200 });
    const served = Buffer.from(await (await fetch(verified.url!)).arrayBuffer());
    expect(file.includes('iPhone 12 Pro')).toBe(true);
    expect(served.includes('iPhone 12 Pro') || served.includes('2019:07:01')).toBe(false);
    expect(served.includes(Buffer.from([0xff, 0xe1]))).toBe(false);
    expect(jpegDimensions(served)).toEqual({ width: 1600, height: 1200 });
    expect(served.equals(makeJpeg({ width: 1600, height: 1200 }))).toBe(true);
  });

  it('rejects a file that is not a JPEG, with the reason, and deletes it', async () => {
    const nomination = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    const fake = Buffer.alloc(600 * KB, 'GIF89a pretending to be a photo ');
    const slot = await presign(nomination.id, applicant, {
      kind: 'activity_photo',
      contentType: 'image/jpeg',
      size: fake.length,
      filename: 'fake.jpg',
    });
    await postForm(slot.body, fake);
    const [rejected] = await judged(nomination.id, applicant, [slot.body.uploadId]);
    expect(rejected).toMatchObject({
      status: 'rejected',
      reason: '文件不是 JPEG 文件（文件头与之不符）',
      reasonEn: expect.stringContaining('is not a JPEG file'),
      size: 600 * KB,
    });
    expect(rejected!.url).toBeUndefined();
    expect(await exists(slot.body.fields.key!)).toBe(false);
    expect((await uploads().verifiedCounts({ nominationId: nomination.id })).activity_photo).toBe(0);
  });

  it('rejects an undersized photo (the declared size lied), with the real size in the reason', async () => {
    const nomination = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    const small = photo(100 * KB);
    const rejected = await upload(nomination.id, applicant, 'activity_photo', small, {
      contentType: 'image/jpeg',
      size: 600 * KB,
    });
    expect(rejected).toMatchObject({
      status: 'rejected',
      size: 100 * KB,
      reasonEn: expect.stringContaining(`the file is ${100 * KB} bytes`),
    });
  });

  it('rejects a photo of absurd dimensions and a PDF posted where a JPEG was declared', async () => {
    const nomination = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    const thin = await upload(
      nomination.id,
      applicant,
      'activity_photo',
      makeJpeg({ width: 12000, height: 150, size: 600 * KB }),
    );
    expect(thin).toMatchObject({
      status: 'rejected',
      width: 12000,
      height: 150,
      reasonEn: expect.stringContaining('12000x150'),
    });
    const pdf = await upload(nomination.id, applicant, 'portrait', makePdf(60 * KB));
    expect(pdf).toMatchObject({
      status: 'rejected',
      reasonEn: 'the file is application/pdf, but image/jpeg was declared',
    });
  });

  it('holds the limit of 5 activity photos when 6 arrive at once: exactly one is rejected, and a 7th is refused at presign', async () => {
    const nomination = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    const slots: Slot[] = [];
    for (let i = 0; i < 6; i++) {
      const slot = await presign(nomination.id, applicant, {
        kind: 'activity_photo',
        contentType: 'image/jpeg',
        size: 600 * KB,
        filename: `p${i}.jpg`,
      });
      expect(slot.status).toBe(201);
      slots.push(slot.body);
    }
    await Promise.all(slots.map((slot) => postForm(slot, photo())));
    const results = await judged(
      nomination.id,
      applicant,
      slots.map((s) => s.uploadId),
    );
    expect(results.filter((u) => u.status === 'verified')).toHaveLength(5);
    const refused = results.filter((u) => u.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reasonEn).toContain('already holds 5 verified');
    expect(refused[0]!.reason).toContain('已达上限');
    expect((await uploads().verifiedCounts({ nominationId: nomination.id })).activity_photo).toBe(5);
    const seventh = await presign(nomination.id, applicant, {
      kind: 'activity_photo',
      contentType: 'image/jpeg',
      size: 600 * KB,
      filename: 'p7.jpg',
    });
    expect(seventh.status).toBe(409);
    expect(seventh.body).toMatchObject({ error: { code: 'UPLOAD_LIMIT' } });
  });

  it('changes nothing when the same event comes twice, and deletes a second POST to a key already checked', async () => {
    const nomination = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    const file = photo();
    const slot = await presign(nomination.id, applicant, {
      kind: 'activity_photo',
      contentType: 'image/jpeg',
      size: file.length,
      filename: 'a.jpg',
    });
    await postForm(slot.body, file);
    await judged(nomination.id, applicant, [slot.body.uploadId]);
    const before = await uploads().get({ nominationId: nomination.id }, slot.body.uploadId);
    const event = {
      Records: [
        { eventName: 'ObjectCreated:Post', s3: { bucket: { name: bucket() }, object: { key: slot.body.fields.key } } },
      ],
    } as unknown as S3Event;
    await verifyHandler(event, {} as Context);
    await verifyHandler(event, {} as Context);
    expect(await uploads().get({ nominationId: nomination.id }, slot.body.uploadId)).toEqual(before);
    expect((await uploads().verifiedCounts({ nominationId: nomination.id })).activity_photo).toBe(1);

    // The policy is still valid: a second POST to the same key with other bytes is removed, the checked copy stays.
    await postForm(slot.body, Buffer.from('<html>overwrite</html>'));
    for (let i = 0; i < 50 && (await exists(slot.body.fields.key!)); i++) await sleep(100);
    expect(await exists(slot.body.fields.key!)).toBe(false);
    const kept = await clients().s3.send(new GetObjectCommand({ Bucket: bucket(), Key: verifiedKey(before!) }));
    expect(Buffer.from(await kept.Body!.transformToByteArray()).equals(makeJpeg({ width: 1600, height: 1200 }))).toBe(
      true,
    );
    expect(await uploads().get({ nominationId: nomination.id }, slot.body.uploadId)).toEqual(before);
  });

  it('replaces a portrait: the one allowed is full until it is removed, and removal releases its count and deletes its file', async () => {
    const nomination = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    const portrait = { kind: 'portrait', contentType: 'image/jpeg', size: 60 * KB, filename: '2寸.jpg' };
    const first = await upload(
      nomination.id,
      applicant,
      'portrait',
      makeJpeg({ width: 413, height: 579, size: 60 * KB }),
    );
    expect(first.status).toBe('verified');
    expect((await presign(nomination.id, applicant, portrait)).body).toMatchObject({ error: { code: 'UPLOAD_LIMIT' } });
    const path = `/nominations/${nomination.id}/uploads/${first.uploadId}`;
    expect((await api('DELETE', path, { token: await login('applicant-city') })).status).toBe(404);
    expect((await api('DELETE', path, { token: await login('dept-zhanghe') })).status).toBe(403);
    expect(
      (
        await api('DELETE', `/nominations/${nomination.id}/uploads/0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11`, {
          token: applicant,
        })
      ).status,
    ).toBe(404);
    expect((await api('DELETE', `/nominations/${nomination.id}/uploads/%20x`, { token: applicant })).status).toBe(400);
    const stored = (await uploads().get({ nominationId: nomination.id }, first.uploadId))!;
    expect(await exists(thumbnailKey(stored))).toBe(true);
    const removed = await api('DELETE', path, { token: applicant });
    expect(removed.status).toBe(200);
    expect(await listUploads(nomination.id, applicant)).toEqual([]);
    expect((await uploads().verifiedCounts({ nominationId: nomination.id })).portrait).toBe(0);
    expect(await exists(verifiedKey(stored))).toBe(false);
    expect(await exists(thumbnailKey(stored))).toBe(false);
    expect((await api('DELETE', path, { token: applicant })).status).toBe(404);
    expect(
      (await upload(nomination.id, applicant, 'portrait', makeJpeg({ width: 413, height: 579, size: 70 * KB }))).status,
    ).toBe('verified');
  });

  it('deletes objects under the prefix that no upload was issued for, whatever their key (spaces, CJK, encoded)', async () => {
    const nomination = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    const keys = [
      `campaigns/${cid}/nominations/${nomination.id}/my photo 照片+1.jpg`,
      `campaigns/${cid}/nominations/${nomination.id}/0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11.jpg`,
    ];
    for (const Key of keys)
      await clients().s3.send(
        new PutObjectCommand({ Bucket: bucket(), Key, Body: photo(), ContentType: 'image/jpeg' }),
      );
    for (let i = 0; i < 50 && (await Promise.all(keys.map(exists))).some(Boolean); i++) await sleep(100);
    expect(await Promise.all(keys.map(exists))).toEqual([false, false]);
    expect(await listUploads(nomination.id, applicant)).toEqual([]);
  });
});

describe('who may upload what, when', () => {
  let star: Nomination;
  let window: Nomination;
  beforeAll(async () => {
    star = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    window = await seedNomination(cid, { district: 'zhanghe', category: 'window' });
  });

  const photoRequest = { kind: 'activity_photo', contentType: 'image/jpeg', size: 600 * KB, filename: 'a.jpg' };

  it('refuses other users: another applicant gets 404, the department and district 403 for a photo, the public 401', async () => {
    expect((await presign(star.id, await login('applicant-city'), photoRequest)).status).toBe(404);
    expect((await presign(star.id, await login('dept-city'), photoRequest)).status).toBe(404);
    expect((await presign(star.id, await login('dept-zhanghe'), photoRequest)).status).toBe(403);
    expect((await presign(star.id, await login('district-zhanghe'), photoRequest)).status).toBe(403);
    expect((await presign(star.id, await login('judge-1'), photoRequest)).status).toBe(404);
    expect((await api('POST', `/nominations/${star.id}/uploads`, { body: photoRequest })).status).toBe(401);
    expect((await api('GET', `/nominations/${star.id}/uploads`, { token: await login('applicant-city') })).status).toBe(
      404,
    );
    expect((await api('GET', `/nominations/${star.id}/uploads`)).status).toBe(401);
    expect(await listUploads(star.id, applicant)).toEqual([]);
  });

  it('lets the department add the endorsement scan only while the nomination awaits endorsement', async () => {
    const scan = { kind: 'endorsement_scan', contentType: 'application/pdf', size: 80 * KB, filename: '评估意见.pdf' };
    const draft = await presign(star.id, await login('dept-zhanghe'), scan);
    expect(draft.status).toBe(409);
    expect(draft.body).toMatchObject({ error: { code: 'NOT_AWAITING_ENDORSEMENT' } });
    expect((await presign(star.id, applicant, scan)).status).toBe(403);
    const submitted = await seedNomination(cid, { district: 'zhanghe', category: 'star', status: 'submitted' });
    expect((await presign(submitted.id, await login('dept-zhanghe'), scan)).status).toBe(201);
    expect((await presign(submitted.id, applicant, photoRequest)).body).toMatchObject({
      error: { code: 'NOT_EDITABLE' },
    });
  });

  it('refuses and deletes a photo that arrives after the nomination was submitted (a slot requested while draft)', async () => {
    const draft = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    const file = photo();
    const slot = await presign(draft.id, applicant, { ...photoRequest, size: file.length });
    expect(slot.status).toBe(201);
    await submitDirectly(draft);
    await postForm(slot.body, file);
    const [late] = await judged(draft.id, applicant, [slot.body.uploadId]);
    expect(late).toMatchObject({ status: 'rejected', reasonEn: expect.stringContaining('it is submitted') });
    expect(await exists(slot.body.fields.key!)).toBe(false);
    expect(await exists(`verified/${slot.body.fields.key!}`)).toBe(false);
  });

  it('commits a verdict only while the nomination still takes the kind (checked in the same transaction)', async () => {
    const draft = await seedNomination(cid, { district: 'zhanghe', category: 'star' });
    const slot = await presign(draft.id, applicant, photoRequest);
    expect(slot.status).toBe(201);
    const pending = (await uploads().get({ nominationId: draft.id }, slot.body.uploadId))!;
    const facts = { size: 600 * KB, width: 1600, height: 1200, checkedAt: new Date().toISOString() };
    // As if the nomination had been submitted between the verifier's check and its write.
    expect(await uploads().markVerified(pending, facts, 5, ['submitted'])).toBe('closed');
    expect((await uploads().get({ nominationId: draft.id }, slot.body.uploadId))?.status).toBe('pending');
    expect(await uploads().markVerified(pending, facts, 5, ['draft', 'returned'])).toBe('verified');
  });

  it('refuses the endorsement scan once the nomination was endorsed', async () => {
    const submitted = await seedNomination(cid, { district: 'zhanghe', category: 'star', status: 'submitted' });
    const scan = makePdf(80 * KB);
    const dept = await login('dept-zhanghe');
    const slot = await presign(submitted.id, dept, {
      kind: 'endorsement_scan',
      contentType: 'application/pdf',
      size: scan.length,
      filename: '评估意见.pdf',
    });
    expect(slot.status).toBe(201);
    await submitDirectly(submitted, 'endorsed');
    await postForm(slot.body, scan);
    const [late] = await judged(submitted.id, dept, [slot.body.uploadId]);
    expect(late).toMatchObject({ status: 'rejected', reasonEn: expect.stringContaining('it is endorsed') });
    expect(await exists(slot.body.fields.key!)).toBe(false);
  });

  it('refuses kinds, types and sizes that do not fit, with 422 and the rule', async () => {
    const portraitOnWindow = await presign(window.id, applicant, {
      kind: 'portrait',
      contentType: 'image/jpeg',
      size: 60 * KB,
      filename: 'p.jpg',
    });
    expect(portraitOnWindow).toMatchObject({ status: 422, body: { error: { code: 'KIND_NOT_FOR_CATEGORY' } } });
    const unitOnStar = await presign(star.id, applicant, {
      kind: 'unit_photo',
      contentType: 'image/jpeg',
      size: 600 * KB,
      filename: 'u.jpg',
    });
    expect(unitOnStar.status).toBe(422);
    const pdfPhoto = await presign(star.id, applicant, { ...photoRequest, contentType: 'application/pdf' });
    expect(pdfPhoto).toMatchObject({ status: 422, body: { error: { code: 'CONTENT_TYPE_NOT_ALLOWED' } } });
    const tooSmall = await presign(star.id, applicant, { ...photoRequest, size: 499 * KB });
    expect(tooSmall).toMatchObject({
      status: 422,
      body: { error: { code: 'SIZE_OUT_OF_RANGE', details: { minBytes: 512000, maxBytes: 2097152 } } },
    });
    expect((await presign(star.id, applicant, { ...photoRequest, size: 3 * 1024 * KB })).status).toBe(422);
    expect(await listUploads(star.id, applicant)).toEqual([]);
  });

  it('refuses malformed input with a clear 4xx and stores nothing', async () => {
    const path = `/nominations/${star.id}/uploads`;
    const cases: Array<[string, Parameters<typeof api>[2], number, string?]> = [
      ['not JSON', { rawBody: '{"kind":', headers: { 'content-type': 'application/json' } }, 400, 'MALFORMED_JSON'],
      ['empty body', { rawBody: '' }, 400, 'MALFORMED_JSON'],
      ['an array', { body: [photoRequest] }, 400, 'VALIDATION_FAILED'],
      ['wrong types', { body: { ...photoRequest, size: '600000' } }, 400, 'VALIDATION_FAILED'],
      ['a fractional size', { body: { ...photoRequest, size: 614400.5 } }, 400, 'VALIDATION_FAILED'],
      ['a negative size', { body: { ...photoRequest, size: -1 } }, 400, 'VALIDATION_FAILED'],
      ['missing fields', { body: { kind: 'activity_photo' } }, 400, 'VALIDATION_FAILED'],
      [
        'an extra field that would change state',
        { body: { ...photoRequest, status: 'verified' } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an extra key field',
        { body: { ...photoRequest, key: 'campaigns/other/nominations/x/y.jpg' } },
        400,
        'VALIDATION_FAILED',
      ],
      ['an unknown kind', { body: { ...photoRequest, kind: 'avatar' } }, 400, 'VALIDATION_FAILED'],
      ['an unknown content type', { body: { ...photoRequest, contentType: 'text/html' } }, 400, 'VALIDATION_FAILED'],
      ['a very long file name', { body: { ...photoRequest, filename: '照'.repeat(201) } }, 400, 'VALIDATION_FAILED'],
      [
        'a file name with a bidi override',
        { body: { ...photoRequest, filename: 'gpj.\u202Eexe' } },
        400,
        'VALIDATION_FAILED',
      ],
      ['a file name with a NUL', { body: { ...photoRequest, filename: 'a\u0000.jpg' } }, 400, 'VALIDATION_FAILED'],
      ['an oversized body', { body: { ...photoRequest, filename: 'x'.repeat(5000) } }, 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [what, options, status, code] of cases) {
      const response = await api('POST', path, { token: applicant, ...options });
      expect(response.status, what).toBe(status);
      if (code) expect(response.body.error.code, what).toBe(code);
    }
    const missing = await presign(star.id, applicant, { kind: 'activity_photo' });
    expect(missing.body).toMatchObject({
      error: {
        message: '请求内容有误：contentType：必填',
        messageEn: 'The request body is not valid: contentType: is required',
      },
    });
    expect((missing.body as any).error.details.fields).toEqual(
      ['contentType', 'size', 'filename'].map((path) => ({ path, message: '必填', messageEn: 'is required' })),
    );
    expect((await presign('no-such-campaign.deadbeef', applicant, photoRequest)).status).toBe(404);
    expect((await presign(`${cid}.deadbeef`, applicant, photoRequest)).status).toBe(404);
    expect(
      (await api('POST', '/nominations/%E2%80%AEbad%20id/uploads', { token: applicant, body: photoRequest })).status,
    ).toBe(400);
    expect(await listUploads(star.id, applicant)).toEqual([]);
  });

  it('accepts odd but harmless file names (CJK, emoji) and never puts them in the key', async () => {
    const slot = await presign(star.id, applicant, { ...photoRequest, filename: '../../etc/passwd 活动😀.jpg' });
    expect(slot.status).toBe(201);
    expect(parseUploadKey(slot.body.fields.key!)).toEqual({
      campaignId: cid,
      nominationId: star.id,
      uploadId: slot.body.uploadId,
    });
    const listed = await listUploads(star.id, applicant);
    expect(listed).toEqual([
      expect.objectContaining({
        uploadId: slot.body.uploadId,
        status: 'pending',
        filename: '../../etc/passwd 活动😀.jpg',
      }),
    ]);
  });
});
