/**
 * The path of a nomination through the API, with real JPEG uploads through presigned POSTs:
 * draft → incomplete submit refused with the list → edits and uploads → submit → return →
 * resubmit → endorse (needs the stamped scan) → forward → review; history, audit, print, export.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, local, login } from '../support/api';
import { makeJpeg } from '../uploads/images';
import { allDeclarations, starForm } from './fixtures';
import { moveTo, newCampaign, stored } from './support';

let cid: string;
beforeAll(async () => {
  cid = await newCampaign();
});

/** Uploads a file through the presigned POST and waits until the verifier has judged it. */
const upload = async (nid: string, token: string, kind: string, file: Buffer) => {
  const slot = await api('POST', `/nominations/${nid}/uploads`, {
    token,
    body: { kind, contentType: 'image/jpeg', size: file.length, filename: `${kind}.jpg` },
  });
  expect(slot.status, JSON.stringify(slot.body)).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(slot.body.fields as Record<string, string>)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), `${kind}.jpg`);
  const posted = await fetch(slot.body.url, { method: 'POST', body: form });
  expect(posted.status).toBeLessThan(300);
  for (let i = 0; i < 100; i++) {
    const list = await api('GET', `/nominations/${nid}/uploads`, { token });
    const mine = (list.body.uploads as Array<{ uploadId: string; status: string }>).find(
      (u) => u.uploadId === slot.body.uploadId,
    );
    if (mine && mine.status !== 'pending') return mine.status;
    await sleep(100);
  }
  throw new Error(`upload ${slot.body.uploadId} was never verified`);
};

const photo = () => makeJpeg({ width: 800, height: 600, size: 600 * 1024 });

describe('the path of a nomination', () => {
  it('serves the forms to anyone as JSON Schema with Chinese titles', async () => {
    const star = await api('GET', `/campaigns/${cid}/forms/star`);
    expect(star.status).toBe(200);
    expect(star.body.title).toBe('荆门市窗口行业优质服务明星评选申报表');
    expect(star.body.properties.resume).toMatchObject({
      title: '个人主要简历（从业经历和职业技能）',
      minLength: 150,
      maxLength: 600,
    });
    const window = await api('GET', `/campaigns/${cid}/forms/window`);
    expect(window.body.properties.unitName.title).toBe('单位名称');
    expect((await api('GET', `/campaigns/${cid}/forms/other`)).status).toBe(404);
    expect((await api('GET', `/campaigns/no-such-campaign/forms/star`)).status).toBe(404);
  });

  it('goes from draft to approved, every step in the history and the audit trail', async () => {
    const applicant = await login('applicant-dongbao');
    const dept = await login('dept-dongbao');
    const district = await login('district-dongbao');
    const admin = await login('admin');
    const { account, resume, mobile, ...partial } = starForm();

    const created = await api('POST', `/campaigns/${cid}/nominations`, {
      token: applicant,
      body: { category: 'star', district: 'dongbao', sector: '医院', form: { ...partial, account: '草稿' } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      district: 'dongbao',
      department: 'dongbao-health',
      owner: 'applicant-dongbao',
    });
    const nid = created.body.id as string;

    const incomplete = await api('POST', `/nominations/${nid}/submit`, { token: applicant });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.code).toBe('SUBMISSION_INCOMPLETE');
    const missing = (incomplete.body.error.details.missing as Array<{ field: string; message: string }>).map(
      (m) => m.field,
    );
    expect(missing).toEqual(
      expect.arrayContaining(['resume', 'mobile', 'account', 'uploads.activity_photo', 'uploads.portrait']),
    );
    expect(incomplete.body.error.details.missing.find((m: any) => m.field === 'account')).toMatchObject({
      message: '评选文字材料：须为 500-2000 字（现为 2 字）',
      messageEn: '评选文字材料: must be 500-2000 characters (now 2)',
    });

    const edited = await api('PATCH', `/nominations/${nid}`, {
      token: applicant,
      body: { form: { account, resume, mobile } },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.form.name).toBe(partial.name); // fields not named are kept

    for (let i = 0; i < 3; i++) expect(await upload(nid, applicant, 'activity_photo', photo())).toBe('verified');
    const stillMissing = await api('POST', `/nominations/${nid}/submit`, { token: applicant });
    // The form claims an honour (以往获得荣誉): a copy of its certificate is needed too.
    expect(stillMissing.body.error.details.missing.map((m: any) => m.field)).toEqual([
      'uploads.portrait',
      'uploads.certificate',
    ]);
    expect(await upload(nid, applicant, 'portrait', makeJpeg({ width: 413, height: 579, size: 60 * 1024 }))).toBe(
      'verified',
    );
    expect(await upload(nid, applicant, 'certificate', makeJpeg({ width: 800, height: 600, size: 80 * 1024 }))).toBe(
      'verified',
    );

    expect((await api('POST', `/nominations/${nid}/submit`, { token: applicant })).body.status).toBe('submitted');
    expect((await api('PATCH', `/nominations/${nid}`, { token: applicant, body: { sector: '银行' } })).status).toBe(
      409,
    );

    const returned = await api('POST', `/nominations/${nid}/endorse`, {
      token: dept,
      body: { decision: 'return', opinion: '请补充获奖证书' },
    });
    expect(returned.body.status).toBe('returned');
    expect(
      (
        await api('PATCH', `/nominations/${nid}`, {
          token: applicant,
          body: { form: { honours: '2018年度优秀护士；2017年度青年岗位能手' } },
        })
      ).status,
    ).toBe(200);
    expect((await api('POST', `/nominations/${nid}/submit`, { token: applicant })).body.status).toBe('submitted');

    const noScan = await api('POST', `/nominations/${nid}/endorse`, {
      token: dept,
      body: { decision: 'endorse', opinion: '同意推荐', confirmed: allDeclarations() },
    });
    expect(noScan.status).toBe(422);
    expect(noScan.body.error.code).toBe('ENDORSEMENT_SCAN_MISSING');
    expect(await upload(nid, dept, 'endorsement_scan', makeJpeg({ width: 800, height: 1100, size: 80 * 1024 }))).toBe(
      'verified',
    );
    const endorsed = await api('POST', `/nominations/${nid}/endorse`, {
      token: dept,
      body: { decision: 'endorse', opinion: '同意推荐', confirmed: allDeclarations() },
    });
    expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(200);
    expect(endorsed.body.endorsement).toMatchObject({ opinion: '同意推荐', by: 'dept-dongbao' });

    expect((await api('POST', `/nominations/${nid}/forward`, { token: district })).body.status).toBe('forwarded');
    const early = await api('POST', `/nominations/${nid}/review`, {
      token: admin,
      body: { decision: 'approve', reason: '符合' },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('WRONG_STAGE');
    await moveTo(cid, 'review');
    const approved = await api('POST', `/nominations/${nid}/review`, {
      token: admin,
      body: { decision: 'approve', reason: '符合评选标准' },
    });
    expect(approved.body.status).toBe('approved');

    const seen = await api('GET', `/nominations/${nid}`, { token: applicant });
    expect(seen.body.history.map((h: any) => h.status)).toEqual([
      'draft',
      'submitted',
      'returned',
      'submitted',
      'endorsed',
      'forwarded',
      'approved',
    ]);
    expect(seen.body.history[2]).toMatchObject({ by: 'dept-dongbao', note: '请补充获奖证书' });

    const audit = await api('GET', `/campaigns/${cid}/audit?limit=200`, { token: admin });
    const actions = (audit.body.entries as Array<{ action: string; subject?: string }>)
      .filter((e) => e.subject === nid)
      .map((e) => e.action)
      .reverse();
    expect(actions).toEqual([
      'nomination.created',
      'nomination.edited',
      'nomination.submitted',
      'nomination.returned',
      'nomination.edited',
      'nomination.submitted',
      'nomination.endorsed',
      'nomination.forwarded',
      'nomination.approved',
    ]);

    const print = await api('GET', `/nominations/${nid}/print`, { token: applicant });
    expect(print.status).toBe(200);
    expect(print.headers.get('content-type')).toContain('text/html');
    expect(print.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(print.body).toContain('@page { size: A4;');
    expect(print.body).toContain(partial.name);
    expect(print.body).toContain('同意推荐');
    expect(print.body).toMatch(/<img src="http/); // the verified portrait in the photo box
    expect(print.body).toContain('状态 通过');
    // The department and unit by their names in the demo registry, not their ids.
    expect(print.body).toContain('主管部门 东宝区卫生健康局 · 申报单位 东宝区人民医院');
    expect((await api('GET', `/nominations/${nid}/print`, { token: await login('judge-1') })).status).toBe(404);

    const csv = await api('GET', `/campaigns/${cid}/exports/nominations`, { token: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // fetch's text() drops a BOM: read the bytes.
    const raw = await fetch(`${local().url}/campaigns/${cid}/exports/nominations`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const bytes = Buffer.from(await raw.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body).toContain('\r\n');
    expect(csv.body).toContain(mobile);
    expect(csv.body).toContain('东宝区卫生健康局');
    expect(csv.body).not.toContain('dongbao-health');
    expect((await api('GET', `/campaigns/${cid}/exports/nominations`, { token: district })).status).toBe(403);
    expect((await stored(nid))?.status).toBe('approved');
  });
});
