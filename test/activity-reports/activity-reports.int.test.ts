/**
 * Activity reports through the local API (notice 五.1, issue 11 items 1 and 11): a unit files and edits its reports;
 * its department, district and admins read them, nobody else; a nomination attaches only its own unit's reports of
 * its campaign; the scoresheet shows judges each candidate's opinion, verified photos, certificate copies and
 * attached reports, and no contact or personal data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg } from '../uploads/images';
import { moveTo, newCampaign, repository, seedNomination, storeVerifiedUpload } from '../nominations/support';
import { api, login } from '../support/api';

const report = (title = '岗位练兵技能比武') => ({
  title,
  date: '2019-05-18',
  text: '本单位组织开展文明礼仪、岗位练兵劳动竞赛，共有 32 名窗口工作人员参加。',
});

/** Files a report as `username` in `cid`; the stored report. */
const file = async (cid: string, username: string, body: object = report()) => {
  const filed = await api('POST', `/campaigns/${cid}/activity-reports`, { token: await login(username), body });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return filed.body as { id: string; unit: string; version: number };
};

const ids = (reports: Array<{ id: string }>) => reports.map((r) => r.id).sort();

describe('activity reports', () => {
  let cid: string;
  let zhanghe: { id: string };
  let city: { id: string };

  beforeAll(async () => {
    cid = await newCampaign();
    zhanghe = await file(cid, 'applicant-zhanghe');
    city = await file(cid, 'applicant-city', report('文明礼仪培训'));
  });

  it('are filed by an applicant unit with its unit, district, department and name', async () => {
    const read = await api('GET', `/activity-reports/${zhanghe.id}`, { token: await login('applicant-zhanghe') });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      ...report(),
      id: zhanghe.id,
      campaignId: cid,
      unit: 'zhanghe-water',
      unitName: '漳河新区供水服务窗口',
      district: 'zhanghe',
      department: 'zhanghe-public',
      filedBy: 'applicant-zhanghe',
      version: 1,
    });
  });

  it('are filed by applicant units only: judges, departments and admins are refused 403', async () => {
    for (const username of ['judge-1', 'dept-zhanghe', 'district-zhanghe', 'admin']) {
      const res = await api('POST', `/campaigns/${cid}/activity-reports`, {
        token: await login(username),
        body: report(),
      });
      expect(res.status, username).toBe(403);
    }
  });

  it('are read by the unit, its department, its district and admins; anyone else gets 404', async () => {
    for (const username of ['applicant-zhanghe', 'dept-zhanghe', 'district-zhanghe', 'admin']) {
      const res = await api('GET', `/activity-reports/${zhanghe.id}`, { token: await login(username) });
      expect(res.status, username).toBe(200);
    }
    for (const username of ['applicant-city', 'dept-city', 'district-city', 'judge-1']) {
      const res = await api('GET', `/activity-reports/${zhanghe.id}`, { token: await login(username) });
      expect(res.status, username).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('岗位练兵');
    }
    expect((await api('GET', `/activity-reports/${cid}.0000`, { token: await login('admin') })).status).toBe(404);
  });

  it("are listed within the caller's scope; judges are refused 403", async () => {
    const list = async (username: string) => {
      const res = await api('GET', `/campaigns/${cid}/activity-reports`, { token: await login(username) });
      expect(res.status, username).toBe(200);
      expect(res.body.count).toBe(res.body.reports.length);
      return ids(res.body.reports);
    };
    expect(await list('applicant-zhanghe')).toEqual([zhanghe.id]);
    expect(await list('dept-zhanghe')).toEqual([zhanghe.id]);
    expect(await list('district-city')).toEqual([city.id]);
    expect(await list('dept-dongbao')).toEqual([]);
    expect(await list('admin')).toEqual(ids([zhanghe, city]));
    const judge = await api('GET', `/campaigns/${cid}/activity-reports`, { token: await login('judge-1') });
    expect(judge.status).toBe(403);
  });

  it('refuse bad input with 400', async () => {
    const token = await login('applicant-zhanghe');
    const bad = [
      { ...report(), date: '2019-02-30' },
      { ...report(), date: '18/05/2019' },
      { ...report(), title: '   ' },
      { ...report(), text: 'x'.repeat(5001) },
      { ...report(), text: 'bidi \u202e override' },
      { ...report(), photos: [] },
      { title: '无日期', text: '...' },
    ];
    for (const body of bad) {
      const res = await api('POST', `/campaigns/${cid}/activity-reports`, { token, body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const malformed = await api('POST', `/campaigns/${cid}/activity-reports`, { token, rawBody: '{"title":' });
    expect(malformed.status).toBe(400);
    const patch = await api('PATCH', `/activity-reports/${zhanghe.id}`, { token, body: { date: '2019-13-01' } });
    expect(patch.status).toBe(400);
  });

  it('are changed by their unit only: its department 403, another unit 404', async () => {
    const mine = await file(cid, 'applicant-zhanghe', report('窗口建设'));
    const changed = await api('PATCH', `/activity-reports/${mine.id}`, {
      token: await login('applicant-zhanghe'),
      body: { title: '窗口建设劳动竞赛', date: '2019-06-01' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      title: '窗口建设劳动竞赛',
      date: '2019-06-01',
      text: report().text,
      version: 2,
    });
    const body = { title: '改' };
    expect(
      (await api('PATCH', `/activity-reports/${mine.id}`, { token: await login('dept-zhanghe'), body })).status,
    ).toBe(403);
    expect(
      (await api('PATCH', `/activity-reports/${mine.id}`, { token: await login('applicant-city'), body })).status,
    ).toBe(404);
    const stored = await api('GET', `/activity-reports/${mine.id}`, { token: await login('admin') });
    expect(stored.body.title).toBe('窗口建设劳动竞赛');
  });

  it('keep every concurrent edit that succeeded and refuse the others with 409 REPORT_CHANGED', async () => {
    const mine = await file(cid, 'applicant-zhanghe', report('创城志愿服务'));
    const token = await login('applicant-zhanghe');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api('PATCH', `/activity-reports/${mine.id}`, { token, body: { text: `第 ${i} 版` } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(
      statuses.every((s) => s === 200 || s === 409),
      statuses.join(),
    ).toBe(true);
    for (const lost of results.filter((r) => r.status === 409)) expect(lost.body.error.code).toBe('REPORT_CHANGED');
    const stored = await api('GET', `/activity-reports/${mine.id}`, { token });
    expect(stored.body.version).toBe(1 + statuses.filter((s) => s === 200).length);
  });

  describe('attached to a nomination', () => {
    it("take the unit's own reports of the campaign, and keep them on the nomination", async () => {
      const nomination = await seedNomination(cid, { district: 'zhanghe' });
      const token = await login('applicant-zhanghe');
      const res = await api('PATCH', `/nominations/${nomination.id}`, {
        token,
        body: { activityReportIds: [zhanghe.id] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.activityReportIds).toEqual([zhanghe.id]);
      expect((await repository().get(nomination.id))?.activityReportIds).toEqual([zhanghe.id]);
    });

    it("refuse another unit's report, an unknown id and another campaign's report with 422 naming them", async () => {
      const nomination = await seedNomination(cid, { district: 'zhanghe' });
      const other = await newCampaign();
      const elsewhere = await file(other, 'applicant-zhanghe');
      const token = await login('applicant-zhanghe');
      const unknown = `${cid}.ffffffffffffffff`;
      const res = await api('PATCH', `/nominations/${nomination.id}`, {
        token,
        body: { activityReportIds: [zhanghe.id, city.id, unknown, elsewhere.id] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'REPORT_NOT_ATTACHABLE',
        details: { reportIds: [city.id, unknown, elsewhere.id] },
      });
      expect(res.body.error.message).toMatch(/活动报告/);
      expect(res.body.error.messageEn).toMatch(/own unit/);
      expect((await repository().get(nomination.id))?.activityReportIds).toBeUndefined();
    });

    it('refuse a list with a report twice, or more than ten, with 400', async () => {
      const nomination = await seedNomination(cid, { district: 'zhanghe' });
      const token = await login('applicant-zhanghe');
      for (const activityReportIds of [[zhanghe.id, zhanghe.id], Array.from({ length: 11 }, (_, i) => `${cid}.${i}`)]) {
        const res = await api('PATCH', `/nominations/${nomination.id}`, { token, body: { activityReportIds } });
        expect(res.status).toBe(400);
      }
    });
  });
});

describe('the scoresheet', () => {
  it("shows each candidate's opinion, photos, certificate copies and attached reports, and no contact data", async () => {
    const cid = await newCampaign();
    const applicant = await login('applicant-zhanghe');
    const filed = await file(cid, 'applicant-zhanghe');
    const draft = await seedNomination(cid, { district: 'zhanghe', category: 'window' });
    const attached = await api('PATCH', `/nominations/${draft.id}`, {
      token: applicant,
      body: { activityReportIds: [filed.id] },
    });
    expect(attached.status, JSON.stringify(attached.body)).toBe(200);
    const photo = { bytes: makeJpeg({ width: 640, height: 480, size: 20 * 1024 }), width: 640, height: 480 };
    for (const kind of ['unit_photo', 'activity_photo', 'activity_photo', 'certificate', 'endorsement_scan'] as const)
      await storeVerifiedUpload(draft, kind, photo);
    const at = new Date().toISOString();
    const approved = {
      ...(await repository().get(draft.id))!,
      status: 'approved' as const,
      endorsement: { opinion: '该窗口服务规范，同意推荐', by: 'dept-zhanghe', at },
      version: attached.body.version + 1,
    };
    await repository().save(approved, { campaignId: cid, at, by: 'seed', action: 'test.approved' }, 'nomination');
    const added = await api('POST', `/campaigns/${cid}/judges`, {
      token: await login('admin'),
      body: { username: 'judge-2', name: '评审专家 2', district: 'city', unit: 'city-consumer-council' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    await moveTo(cid, 'review');
    await moveTo(cid, 'publicity');

    const sheet = await api('GET', `/campaigns/${cid}/scoresheet`, { token: await login('judge-2') });
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(200);
    const candidate = sheet.body.candidates.find((c: { nominationId: string }) => c.nominationId === draft.id);
    expect(candidate).toMatchObject({
      opinion: '该窗口服务规范，同意推荐',
      activityReports: [{ reportId: filed.id, ...report() }],
    });
    expect(candidate.photos.map((p: { kind: string }) => p.kind)).toEqual([
      'unit_photo',
      'activity_photo',
      'activity_photo',
    ]);
    for (const p of candidate.photos) expect(p.thumbnail).toMatchObject({ width: 320, url: expect.any(String) });
    expect(candidate.documents.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'certificate',
      'endorsement_scan',
    ]);
    const copy = await fetch(candidate.documents[0].url);
    expect(copy.status).toBe(200);
    expect(Buffer.from(await copy.arrayBuffer()).equals(photo.bytes)).toBe(true);
    expect(candidate.documents[0].url).toMatch(/verified%2F|\/verified\//);

    const text = JSON.stringify(sheet.body);
    expect(text).not.toContain('certificate.jpg'); // the uploader's file names stay out
    for (const personal of ['0724-2372245', '13800000001', '13900000002', 'headMobile', 'handlerMobile', '"phone"'])
      expect(text).not.toContain(personal);

    // Reports are filed and changed in `nomination` only.
    const late = await api('POST', `/campaigns/${cid}/activity-reports`, { token: applicant, body: report() });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('WRONG_STAGE');
    const edit = await api('PATCH', `/activity-reports/${filed.id}`, { token: applicant, body: { title: '改' } });
    expect(edit.status).toBe(409);
  });
});
