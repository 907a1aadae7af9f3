/**
 * Through the staff pages, what issue 11 added: the office dry-runs a CSV of departments (the row errors in a
 * table), imports the corrected one and sees the departments listed, then adds and disables an account; an
 * applicant files an activity report, edits it and attaches it to its nomination; the office opens the 公示名单 as
 * HTML in a new tab, downloads it as CSV and builds a nomination's archive ZIP; a district prints
 * its own forms.
 * Arrange through the API; act and assert through the pages.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignOnNotice } from '../candidates/support';
import { newCampaign, seedNomination } from '../nominations/support';
import { api, login } from '../support/api';
import { makeJpeg } from '../uploads/images';
import { expectAccessible, launch, openPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Ids carry a per-run prefix: the registry is one partition every test file shares. */
const run = `w${randomBytes(3).toString('hex')}`;
const csv = (rows: string[][]) => ({
  name: 'departments.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`),
});

describe('the registry, activity reports and publication outputs in the staff pages', () => {
  it('the office dry-runs a CSV of departments, sees the row errors, imports the fixed one, sees them listed; adds and disables an account', async () => {
    const { page } = await openPage(browser, { as: 'admin' });
    const cid = await newCampaign();
    await page.goto(`/staff/${cid}/office/registry`);
    await page.getByLabel('名录类别').selectOption('departments');
    const header = ['编号', '名称', '县市区', '行业'];
    const first = [`${run}-health`, '东宝区卫生健康局', 'dongbao', '医院'];
    const second = [`${run}-tax`, '掇刀区税务局', 'duodao', '税务'];

    await page.getByLabel('表格文件（CSV 或 xlsx）').setInputFiles(csv([header, first, first]));
    await page.getByRole('button', { name: '预检' }).click();
    const errors = page.locator('table.row-errors tbody tr');
    await expect.poll(() => errors.count()).toBe(1);
    expect(await errors.first().locator('td').first().textContent()).toBe('3');
    expect(await page.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);

    await page.getByLabel('表格文件（CSV 或 xlsx）').setInputFiles(csv([header, first, second]));
    await page.getByRole('button', { name: '预检' }).click();
    await expect
      .poll(() => page.getByTestId('import-report').textContent())
      .toContain('新增 2，修改 0，不变 0，错误 0');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-report').textContent()).toContain('已写入');
    const listed = page.getByTestId('departments');
    await expect.poll(() => listed.textContent()).toContain(`东宝区卫生健康局 · ${run}-health · dongbao · 医院`);
    expect(await listed.textContent()).toContain(`掇刀区税务局 · ${run}-tax`);

    // An account created with its role and scope, then disabled.
    const username = `${run}-clerk`;
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('姓名').fill('东宝区办事员');
    await page.getByLabel('电子邮箱').fill(`${username}@example.com`);
    await page.getByLabel('角色').selectOption('district');
    await page.getByLabel('县市区（编号）').fill('dongbao');
    await page.getByRole('button', { name: '创建' }).click();
    const row = page.locator(`tr[data-username="${username}"]`);
    await expect.poll(() => row.textContent()).toContain('启用');
    await row.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => row.textContent()).toContain('已停用');
    await expectAccessible(page);
    await screenshot(page, 'office-registry');
  });

  it('an applicant files an activity report, sees it, edits it, adds a photo and attaches it to its nomination', async () => {
    const cid = await newCampaign();
    const { page } = await openPage(browser, { as: 'applicant-zhanghe' });
    await page.goto('/staff');
    await page.locator(`a[href="/staff/${cid}/reports"]`).click();
    await page.getByLabel('标题').fill('岗位练兵技能比武');
    await page.getByLabel('活动日期').fill('2019-05-18');
    await page.getByLabel('报告内容').fill('本单位组织开展文明礼仪、岗位练兵劳动竞赛，共有 32 名窗口工作人员参加。');
    await page.getByRole('button', { name: '提交报告' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('报告已提交');
    const reports = page.getByTestId('reports');
    expect(await reports.textContent()).toContain('岗位练兵技能比武 · 2019-05-18 · 漳河新区供水服务窗口');

    await reports.getByRole('button', { name: '修改' }).click();
    await reports.getByLabel('标题').fill('岗位练兵技能比武（第二期）');
    await reports.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('报告已修改');
    await expect.poll(() => reports.textContent()).toContain('岗位练兵技能比武（第二期）');
    await expectAccessible(page);

    // A photo of the activity, through the presigned POST and the verifier, shown on the report once verified.
    const photo = makeJpeg({ width: 1600, height: 1200, size: 600 * 1024 });
    await reports
      .getByLabel('添加活动照片（JPEG 或 PNG，500KB-2MB，最多 9 张）')
      .setInputFiles({ name: '比武现场.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => reports.locator('.report-photos img').count(), { timeout: 20_000 }).toBe(1);

    // Attached to the unit's nomination on its page: the nomination then carries the report's id.
    const nomination = await seedNomination(cid, { district: 'zhanghe' });
    await page.goto(`/staff/${cid}/nominations/${nomination.id}`);
    const attach = page.locator('#field-activityReportIds');
    await attach.getByLabel('岗位练兵技能比武（第二期） · 2019-05-18').check();
    await attach.getByRole('button', { name: '保存附件报告' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('活动报告已附上');
    const read = await api('GET', `/nominations/${nomination.id}`, { token: await login('applicant-zhanghe') });
    expect(read.body.activityReportIds).toHaveLength(1);
    await screenshot(page, 'applicant-reports');
  });

  it('the office opens the 公示名单 as HTML in a new tab, downloads it as CSV and builds a nomination archive; a district prints its forms', async () => {
    const { cid, seeded } = await campaignOnNotice([
      { name: '市政务服务中心窗口', category: 'window', district: 'city', sector: '政务服务中心' },
      { name: '掇刀微笑明星', category: 'star', district: 'duodao', sector: '集贸市场' },
    ]);
    const { context, page } = await openPage(browser, { as: 'admin' });
    await page.goto(`/staff/${cid}/office/publications`);

    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: '公示名单 HTML' }).click(),
    ]);
    await tab.waitForLoadState();
    const html = await tab.locator('body').textContent();
    expect(html).toContain('市政务服务中心窗口');
    expect(html).toContain('掇刀微笑明星');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '公示名单 CSV' }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF序号,类别,县市区')).toBe(true);
    expect(text).toContain('掇刀微笑明星');
    expect(download.suggestedFilename()).toBe(`${cid}-publicity-list.csv`);

    // Before the results are public the winners list is refused, and the page says so.
    await page.getByRole('button', { name: '获奖名单 CSV' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('404');
    await expectAccessible(page);
    await screenshot(page, 'office-publications');

    // A nomination's archive: the ZIP is built, then its link opens in a new tab.
    await page.goto(`/staff/${cid}/nominations/${seeded[0]!.id}`);
    const [archive] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/archive') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '下载归档包（ZIP）' }).click(),
    ]);
    expect(archive.status()).toBe(201);
    expect(await archive.json()).toMatchObject({ entries: expect.arrayContaining(['form.html', 'nomination.json']) });
    await expect.poll(() => page.getByRole('status').textContent()).toBe('归档包已生成');

    // A district prints its own forms from its queue.
    const district = await openPage(browser, { as: 'district-city' });
    await district.page.goto(`/staff/${cid}/nominations`);
    const [forms] = await Promise.all([
      district.context.waitForEvent('page'),
      district.page.getByRole('button', { name: '打印本县市区全部申报表' }).click(),
    ]);
    await forms.waitForLoadState();
    const printed = await forms.locator('body').textContent();
    expect(printed).toContain('市政务服务中心窗口');
    expect(printed).not.toContain('掇刀微笑明星');
    await expectAccessible(district.page);
  });
});
