/**
 * The publication outputs through the API against the local system: the newspaper-ready candidate list and list of
 * winners (rows, order, no personal data, CSV with the BOM, stage gating), a district's forms in one document (scope),
 * every certificate in one document, and a nomination's archive ZIP (unzipped here).
 */
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Nomination } from '../../shared/nominations/nomination';
import { campaignInNomination, campaignOnNotice, PERSONAL } from '../candidates/support';
import { moveTo, newCampaign, seedNomination, storeVerifiedUpload } from '../nominations/support';
import { computeThroughApi } from '../results/support';
import { api, local, login } from '../support/api';
import { makeJpeg } from '../uploads/images';

const BOM = '\uFEFF';

/** The CSV's rows as cells (the test data holds no comma, quote or line break). */
const csvRows = (text: string): string[][] =>
  text
    .slice(BOM.length)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));

const expectNoPersonalData = (text: string) => {
  for (const value of Object.values(PERSONAL)) expect(text).not.toContain(value);
};

describe('the publicity list (公示名单)', () => {
  let cid: string;

  beforeAll(async () => {
    ({ cid } = await campaignOnNotice([
      { name: '漳河供水窗口', category: 'window', district: 'zhanghe', sector: '供水' },
      { name: '张明星', category: 'star', district: 'dongbao', sector: '医院' },
      { name: '市政务服务中心窗口', category: 'window', district: 'city', sector: '政务服务中心' },
      { name: '李明星', category: 'star', district: 'city', sector: '银行' },
      { name: '东宝医院窗口', category: 'window', district: 'dongbao', sector: '医院' },
      { name: '落选窗口', category: 'window', district: 'city', sector: '银行', status: 'rejected' },
    ]));
  });

  it('lists the standing candidates by category and district in the campaign order, as CSV with the BOM', async () => {
    const res = await api('GET', `/campaigns/${cid}/publicity-list?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="publicity-list-${cid}.csv"`);
    // fetch's text() drops a leading BOM: read the bytes.
    const raw = await (await fetch(`${local().url}/campaigns/${cid}/publicity-list?format=csv`)).arrayBuffer();
    expect([...new Uint8Array(raw).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw));
    expect(rows).toEqual([
      ['序号', '类别', '县市区', '名称（姓名）', '工作单位', '行业'],
      ['1', '优质服务窗口', '市直', '市政务服务中心窗口', '', '政务服务中心'],
      ['2', '优质服务窗口', '东宝区', '东宝医院窗口', '', '医院'],
      ['3', '优质服务窗口', '漳河新区', '漳河供水窗口', '', '供水'],
      ['4', '优质服务明星', '市直', '李明星', expect.any(String), '银行'],
      ['5', '优质服务明星', '东宝区', '张明星', expect.any(String), '医院'],
    ]);
    expect(rows[4]![4]).not.toBe('');
    expectNoPersonalData(res.body);
  });

  it('prints the same list as an A4 page under the 荆门市 heading, without personal data', async () => {
    const res = await api('GET', `/campaigns/${cid}/publicity-list`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('@page { size: A4;');
    expect(res.body).toMatch(/<h1>荆门市\d{4}年度窗口行业优质服务窗口、优质服务明星候选名单公示<\/h1>/);
    expect(res.body).toContain('优质服务窗口（3）');
    expect(res.body).toContain('优质服务明星（2）');
    const order = ['市政务服务中心窗口', '东宝医院窗口', '漳河供水窗口', '李明星', '张明星'].map((n) =>
      res.body.indexOf(n),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(res.body).not.toContain('落选窗口');
    expectNoPersonalData(res.body);
    expect((await api('GET', `/campaigns/${cid}/publicity-list?format=html`)).body).toBe(res.body);
  });

  it('is not public before publicity, and refuses a bad format or an unknown campaign', async () => {
    const early = await campaignInNomination();
    const refused = await api('GET', `/campaigns/${early.cid}/publicity-list?format=csv`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('NOT_PUBLIC_YET');
    expect((await api('GET', `/campaigns/${cid}/publicity-list?format=pdf`)).status).toBe(400);
    expect((await api('GET', `/campaigns/${cid}/publicity-list?format=csv&x=1`)).status).toBe(400);
    expect((await api('GET', '/campaigns/no-such-campaign/publicity-list')).status).toBe(404);
  });
});

describe("a district's forms in one printable document", () => {
  let cid: string;

  beforeAll(async () => {
    ({ cid } = await campaignOnNotice([
      { name: '市直窗口甲', category: 'window', district: 'city', sector: '银行' },
      { name: '市直明星乙', category: 'star', district: 'city', sector: '医院' },
      { name: '市直草稿丙', category: 'window', district: 'city', sector: '供水', status: 'draft' },
      { name: '东宝窗口丁', category: 'window', district: 'dongbao', sector: '医院' },
    ]));
  });

  it("prints every submitted form of the caller's own district, a page each, and no other district's", async () => {
    const res = await api('GET', `/campaigns/${cid}/forms-print?district=city`, {
      token: await login('district-city'),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<title>荆门市');
    expect(res.body.match(/<article class="form-page">/g)).toHaveLength(2);
    expect(res.body).toContain('.form-page + .form-page { page-break-before: always;');
    // Windows first: the window's form, then the star's.
    expect(res.body.indexOf('市直窗口甲')).toBeGreaterThan(0);
    expect(res.body.indexOf('市直明星乙')).toBeGreaterThan(res.body.indexOf('市直窗口甲'));
    expect(res.body).not.toContain('市直草稿丙');
    expect(res.body).not.toContain('东宝窗口丁');
  });

  it('lets admins print any district, and refuses another district, other roles and bad input', async () => {
    const admin = await login('admin');
    const dongbao = await api('GET', `/campaigns/${cid}/forms-print?district=dongbao`, { token: admin });
    expect(dongbao.status).toBe(200);
    expect(dongbao.body).toContain('东宝窗口丁');
    expect(dongbao.body).not.toContain('市直窗口甲');

    const other = await api('GET', `/campaigns/${cid}/forms-print?district=dongbao`, {
      token: await login('district-city'),
    });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('本辖区');
    for (const user of ['dept-city', 'applicant-city', 'judge-1'])
      expect(
        (await api('GET', `/campaigns/${cid}/forms-print?district=city`, { token: await login(user) })).status,
      ).toBe(403);
    expect((await api('GET', `/campaigns/${cid}/forms-print?district=city`)).status).toBe(401);
    expect((await api('GET', `/campaigns/${cid}/forms-print`, { token: admin })).status).toBe(400);
    expect((await api('GET', `/campaigns/${cid}/forms-print?district=nowhere`, { token: admin })).status).toBe(404);
    expect((await api('GET', '/campaigns/no-such-campaign/forms-print?district=city', { token: admin })).status).toBe(
      404,
    );
  });
});

describe('the announced winners: list and certificates', () => {
  let cid: string;

  beforeAll(async () => {
    // No votes and no judges: the two zhanghe windows tie at its one award place and neither is awarded.
    ({ cid } = await campaignOnNotice([
      { name: '市直获奖窗口', category: 'window', district: 'city', sector: '政务服务中心' },
      { name: '东宝获奖窗口', category: 'window', district: 'dongbao', sector: '医院' },
      { name: '漳河并列窗口甲', category: 'window', district: 'zhanghe', sector: '供水' },
      { name: '漳河并列窗口乙', category: 'window', district: 'zhanghe', sector: '供水' },
      { name: '掇刀获奖明星', category: 'star', district: 'duodao', sector: '集贸市场' },
    ]));
    await moveTo(cid, 'voting');
    await moveTo(cid, 'scoring');
    await computeThroughApi(cid, await login('admin'));
  }, 180_000);

  it('keeps the list and the certificates back until announcement, then lists and prints the winners only', async () => {
    const admin = await login('admin');
    expect((await api('GET', `/campaigns/${cid}/results/list`)).status).toBe(404);
    const early = await api('GET', `/campaigns/${cid}/certificates`, { token: admin });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'WRONG_STAGE', message: expect.stringContaining('获奖结果公布后') });

    await moveTo(cid, 'announcement');
    const csv = await api('GET', `/campaigns/${cid}/results/list?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="results-list-${cid}.csv"`);
    const rows = csvRows(csv.body);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[5]])).toEqual([
      ['优质服务窗口', '市直', '市直获奖窗口', '政务服务中心'],
      ['优质服务窗口', '东宝区', '东宝获奖窗口', '医院'],
      ['优质服务明星', '荆门高新区·掇刀区', '掇刀获奖明星', '集贸市场'],
    ]);
    expectNoPersonalData(csv.body);
    const page = await api('GET', `/campaigns/${cid}/results/list`);
    expect(page.body).toMatch(/<h1>荆门市\d{4}年度窗口行业优质服务窗口、优质服务明星评选结果<\/h1>/);
    expect(page.body).not.toContain('漳河并列窗口');
    expectNoPersonalData(page.body);

    const certificates = await api('GET', `/campaigns/${cid}/certificates`, { token: admin });
    expect(certificates.status).toBe(200);
    expect(certificates.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(certificates.body.match(/<div class="sheet">/g)).toHaveLength(3);
    for (const name of ['市直获奖窗口', '东宝获奖窗口', '掇刀获奖明星']) expect(certificates.body).toContain(name);
    expect(certificates.body).not.toContain('漳河并列窗口');
    expect(certificates.body).toContain('size: A4 landscape');
    expect((await api('GET', `/campaigns/${cid}/certificates`, { token: await login('district-city') })).status).toBe(
      403,
    );
  });
});

describe("a nomination's archive ZIP", () => {
  let nomination: Nomination;
  const portrait = makeJpeg({ width: 640, height: 480, size: 30 * 1024 });
  const activity = makeJpeg({ width: 800, height: 600, size: 40 * 1024 });

  beforeAll(async () => {
    // While the campaign takes nominations (uploads are verified then).
    nomination = await seedNomination(await newCampaign(), {
      category: 'star',
      district: 'zhanghe',
      status: 'submitted',
    });
    await storeVerifiedUpload(nomination, 'portrait', { bytes: portrait, width: 640, height: 480 });
    await storeVerifiedUpload(nomination, 'activity_photo', { bytes: activity, width: 800, height: 600 });
    // Verified on record, its bytes gone: listed as missing, not in the ZIP.
    await storeVerifiedUpload(nomination, 'activity_photo');
  });

  it('holds the form as HTML and JSON and every verified upload, behind a presigned link', async () => {
    const res = await api('POST', `/nominations/${nomination.id}/archive`, { token: await login('admin') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      nominationId: nomination.id,
      name: `nomination-${nomination.id}.zip`,
      expiresInSeconds: 900,
      url: expect.stringContaining('/archives/'),
    });
    expect(res.body.missing).toHaveLength(1);
    const download = await fetch(res.body.url);
    expect(download.status).toBe(200);
    const zip = new Uint8Array(await download.arrayBuffer());
    expect(zip.length).toBe(res.body.bytes);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual([
      'form.html',
      'nomination.json',
      'uploads.json',
      'uploads/01-activity_photo.jpg',
      'uploads/02-portrait.jpg',
    ]);
    expect(res.body.entries).toEqual(Object.keys(files).sort());
    expect(Buffer.from(files['uploads/02-portrait.jpg']!).equals(portrait)).toBe(true);
    expect(Buffer.from(files['uploads/01-activity_photo.jpg']!).equals(activity)).toBe(true);
    const form = new TextDecoder().decode(files['form.html']);
    expect(form).toContain('荆门市窗口行业优质服务明星评选申报表');
    expect(form).toContain(String(nomination.form.name));
    // The portrait is shown from inside the ZIP.
    expect(form).toContain('<img src="uploads/02-portrait.jpg"');
    const record = JSON.parse(new TextDecoder().decode(files['nomination.json']));
    expect(record).toMatchObject({
      id: nomination.id,
      form: { name: nomination.form.name, mobile: nomination.form.mobile },
    });
    const listed = JSON.parse(new TextDecoder().decode(files['uploads.json']));
    expect(listed.map((u: { kind: string; file: string | null }) => [u.kind, u.file])).toEqual(
      expect.arrayContaining([
        ['activity_photo', 'uploads/01-activity_photo.jpg'],
        ['activity_photo', null],
        ['portrait', 'uploads/02-portrait.jpg'],
      ]),
    );
    expect(listed).toHaveLength(3);
  });

  it('is for admins only, and 404 for an unknown nomination', async () => {
    for (const user of ['district-zhanghe', 'dept-zhanghe', 'applicant-zhanghe', 'judge-1'])
      expect((await api('POST', `/nominations/${nomination.id}/archive`, { token: await login(user) })).status).toBe(
        403,
      );
    expect((await api('POST', `/nominations/${nomination.id}/archive`)).status).toBe(401);
    const unknown = await api('POST', `/nominations/${nomination.campaignId}.0000000000000000/archive`, {
      token: await login('admin'),
    });
    expect(unknown.status).toBe(404);
  });
});
