/**
 * Photos of activity reports through the local API (issue 11 item 1): the report's unit gets a presigned POST, the file
 * goes to s3rver, the verifier checks it as any upload (content, metadata stripped, thumbnail) and the report and the
 * scoresheet show it by short-lived links; other callers, bad input, non-images and late uploads are refused.
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUploadRepository } from '../../shared/uploads/upload-repository';
import { moveTo, newCampaign, repository, seedNomination } from '../nominations/support';
import { api, clients, login } from '../support/api';
import { exifSegment, makeJpeg, makePdf } from '../uploads/images';
import { postForm, type Slot } from '../uploads/post-form';

const KB = 1024;
const uploads = () => createUploadRepository({ tableName: process.env.TABLE_NAME! });

type Photo = { kind: string; width: number; height: number; url: string; thumbnail?: { url: string; width: number } };

const presign = async (rid: string, username: string, body: Record<string, unknown>) =>
  api<Slot & { error: { code: string } }>('POST', `/activity-reports/${rid}/uploads`, {
    token: await login(username),
    body,
  });

const photoRequest = (file: Buffer, contentType = 'image/jpeg') => ({
  kind: 'report_photo',
  contentType,
  size: file.length,
  filename: '比武现场.jpg',
});

/** The report's photos as its unit reads them, once there are `count` of them. */
const photosOf = async (rid: string, count: number): Promise<Photo[]> => {
  const token = await login('applicant-zhanghe');
  for (let i = 0; i < 150; i++) {
    const read = await api('GET', `/activity-reports/${rid}`, { token });
    expect(read.status).toBe(200);
    if (read.body.photos.length >= count) return read.body.photos;
    await sleep(100);
  }
  throw new Error(`report ${rid} never showed ${count} photo(s)`);
};

/** The stored record of a report's upload once the verifier has judged it. */
const judged = async (rid: string, uploadId: string) => {
  for (let i = 0; i < 150; i++) {
    const upload = await uploads().get({ reportId: rid }, uploadId);
    if (upload && upload.status !== 'pending') return upload;
    await sleep(100);
  }
  throw new Error(`upload ${uploadId} was never judged`);
};

/** Whether the object is gone from the bucket, within a few seconds (the verifier records its verdict, then deletes). */
const gone = async (key: string) => {
  for (let i = 0; i < 50; i++) {
    const head = await clients()
      .s3.send(new HeadObjectCommand({ Bucket: process.env.UPLOADS_BUCKET_NAME!, Key: key }))
      .then(
        () => true,
        () => false,
      );
    if (!head) return true;
    await sleep(100);
  }
  return false;
};

describe('photos of activity reports', () => {
  let cid: string;
  let rid: string;

  beforeAll(async () => {
    cid = await newCampaign();
    const filed = await api('POST', `/campaigns/${cid}/activity-reports`, {
      token: await login('applicant-zhanghe'),
      body: { title: '岗位练兵技能比武', date: '2019-05-18', text: '共有 32 名窗口工作人员参加。' },
    });
    expect(filed.status).toBe(201);
    rid = filed.body.id;
  });

  it('are uploaded by the unit by a presigned POST, verified without their metadata, and shown on the report', async () => {
    const file = makeJpeg({ width: 1600, height: 1200, size: 600 * KB, metadata: [exifSegment({ orientation: 1 })] });
    const slot = await presign(rid, 'applicant-zhanghe', photoRequest(file));
    expect(slot.status, JSON.stringify(slot.body)).toBe(201);
    expect(slot.body.fields.key).toBe(`campaigns/${cid}/activity-reports/${rid}/${slot.body.uploadId}.jpg`);
    await postForm(slot.body, file);

    const [photo] = await photosOf(rid, 1);
    expect(photo).toMatchObject({ kind: 'report_photo', width: 1600, height: 1200 });
    const served = await fetch(photo!.url);
    expect(served.status).toBe(200);
    // The checked copy: the image without its EXIF segment and padding.
    expect(Buffer.from(await served.arrayBuffer()).equals(makeJpeg({ width: 1600, height: 1200 }))).toBe(true);
    expect(photo!.thumbnail).toMatchObject({ width: 320, url: expect.any(String) });
    expect((await fetch(photo!.thumbnail!.url)).status).toBe(200);
    expect(await gone(slot.body.fields.key!)).toBe(true); // the uploaded original is gone

    // Its department, district and admins see the photo too.
    for (const username of ['dept-zhanghe', 'district-zhanghe', 'admin']) {
      const read = await api('GET', `/activity-reports/${rid}`, { token: await login(username) });
      expect(read.body.photos, username).toHaveLength(1);
    }
  });

  it('reject a file that is not the image it claims to be, and delete it', async () => {
    const file = makePdf(600 * KB);
    const slot = await presign(rid, 'applicant-zhanghe', photoRequest(file, 'image/png'));
    expect(slot.status, JSON.stringify(slot.body)).toBe(201);
    await postForm(slot.body, file);
    const upload = await judged(rid, slot.body.uploadId);
    expect(upload).toMatchObject({ status: 'rejected', reportId: rid, kind: 'report_photo' });
    expect(upload.reason).toEqual(expect.any(String));
    expect(await gone(slot.body.fields.key!)).toBe(true);
    const read = await api('GET', `/activity-reports/${rid}`, { token: await login('applicant-zhanghe') });
    expect(read.body.photos).toHaveLength(1);
  });

  it('hold at most 9 per report, even when 10 arrive at once', async () => {
    const filed = await api('POST', `/campaigns/${cid}/activity-reports`, {
      token: await login('applicant-zhanghe'),
      body: { title: '文明礼仪培训', date: '2019-06-01', text: '窗口文明礼仪培训。' },
    });
    const report = filed.body.id as string;
    const file = makeJpeg({ width: 800, height: 600, size: 600 * KB });
    const slots = await Promise.all(
      Array.from({ length: 10 }, () => presign(report, 'applicant-zhanghe', photoRequest(file))),
    );
    expect(slots.map((s) => s.status)).toEqual(new Array(10).fill(201));
    await Promise.all(slots.map((s) => postForm(s.body, file)));
    const verdicts = await Promise.all(slots.map((s) => judged(report, s.body.uploadId)));
    expect(verdicts.filter((u) => u.status === 'verified')).toHaveLength(9);
    expect(verdicts.filter((u) => u.status === 'rejected').map((u) => u.reasonEn)).toEqual([
      expect.stringContaining('report already holds 9 verified'),
    ]);
    expect(await photosOf(report, 9)).toHaveLength(9);
    const more = await presign(report, 'applicant-zhanghe', photoRequest(file));
    expect([more.status, more.body.error.code]).toEqual([409, 'UPLOAD_LIMIT']);
  });

  it("are added by the report's unit only: another unit 404, its department 403", async () => {
    const file = makeJpeg({ width: 800, height: 600, size: 600 * KB });
    const other = await presign(rid, 'applicant-city', photoRequest(file));
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('岗位练兵');
    const department = await presign(rid, 'dept-zhanghe', photoRequest(file));
    expect(department.status).toBe(403);
    expect((await presign(`${cid}.0000`, 'applicant-zhanghe', photoRequest(file))).status).toBe(404);
  });

  it('refuse bad input with 400, and a type or size the photos do not take with 422', async () => {
    const file = makeJpeg({ width: 800, height: 600, size: 600 * KB });
    const good = photoRequest(file);
    for (const body of [
      { ...good, kind: 'activity_photo' },
      { ...good, kind: undefined },
      { ...good, size: -1 },
      { ...good, size: 'big' },
      { ...good, filename: 'a\u202ejpg' },
      { ...good, contentType: 'image/gif' },
      { ...good, extra: true },
    ]) {
      const res = await presign(rid, 'applicant-zhanghe', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const pdf = await presign(rid, 'applicant-zhanghe', { ...good, contentType: 'application/pdf' });
    expect([pdf.status, pdf.body.error.code]).toEqual([422, 'CONTENT_TYPE_NOT_ALLOWED']);
    const small = await presign(rid, 'applicant-zhanghe', { ...good, size: 100 * KB });
    expect([small.status, small.body.error.code]).toEqual([422, 'SIZE_OUT_OF_RANGE']);
    // A nomination takes no report photo.
    const nomination = await seedNomination(cid, { district: 'zhanghe', category: 'window' });
    const onNomination = await api('POST', `/nominations/${nomination.id}/uploads`, {
      token: await login('applicant-zhanghe'),
      body: good,
    });
    expect([onNomination.status, onNomination.body.error.code]).toEqual([422, 'KIND_NOT_FOR_CATEGORY']);
  });

  it('reach the scoresheet with the report the nomination attaches, and are closed after nomination', async () => {
    const applicant = await login('applicant-zhanghe');
    const draft = await seedNomination(cid, { district: 'zhanghe', category: 'window' });
    const attached = await api('PATCH', `/nominations/${draft.id}`, {
      token: applicant,
      body: { activityReportIds: [rid] },
    });
    expect(attached.status, JSON.stringify(attached.body)).toBe(200);
    const at = new Date().toISOString();
    const approved = {
      ...(await repository().get(draft.id))!,
      status: 'approved' as const,
      version: attached.body.version + 1,
    };
    await repository().save(approved, { campaignId: cid, at, by: 'seed', action: 'test.approved' }, 'nomination');
    const added = await api('POST', `/campaigns/${cid}/judges`, {
      token: await login('admin'),
      body: { username: 'judge-2', name: '评审专家 2', district: 'city', unit: 'city-consumer-council' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const file = makeJpeg({ width: 800, height: 600, size: 600 * KB });
    const slot = await presign(rid, 'applicant-zhanghe', photoRequest(file));
    expect(slot.status).toBe(201);
    await moveTo(cid, 'review');

    const late = await presign(rid, 'applicant-zhanghe', photoRequest(file));
    expect([late.status, late.body.error.code]).toEqual([409, 'WRONG_STAGE']);
    // A photo presigned in `nomination` that arrives after: its verdict cannot commit, and the verifier rejects it.
    const pending = (await uploads().get({ reportId: rid }, slot.body.uploadId))!;
    const facts = { size: file.length, width: 800, height: 600, checkedAt: new Date().toISOString() };
    expect(await uploads().markVerified(pending, facts, 9, [])).toBe('closed');
    await postForm(slot.body, file);
    const arrived = await judged(rid, slot.body.uploadId);
    expect(arrived.status).toBe('rejected');
    expect(arrived.reason).toMatch(/^不再受理/);
    expect(await gone(slot.body.fields.key!)).toBe(true);

    await moveTo(cid, 'publicity');
    const sheet = await api('GET', `/campaigns/${cid}/scoresheet`, { token: await login('judge-2') });
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(200);
    const candidate = sheet.body.candidates.find((c: { nominationId: string }) => c.nominationId === draft.id);
    expect(candidate.activityReports).toHaveLength(1);
    const [report] = candidate.activityReports;
    expect(report).toMatchObject({ reportId: rid, title: '岗位练兵技能比武' });
    expect(report.photos).toEqual([
      expect.objectContaining({ kind: 'report_photo', width: 1600, height: 1200, thumbnail: expect.any(Object) }),
    ]);
    const served = await fetch(report.photos[0].url);
    expect(served.status).toBe(200);
    expect(JSON.stringify(sheet.body)).not.toContain('比武现场.jpg'); // the uploader's file name stays out
  });
});
