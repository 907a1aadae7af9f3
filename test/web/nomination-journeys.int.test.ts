/**
 * Through the staff pages: an applicant fills the form rendered from the JSON Schema, uploads real
 * JPEGs, meets a 422 detail beside its field, fixes it and submits; the department endorses with
 * its stamped scan; the district forwards within its quota and sees the quota refusal, and returns another to the
 * department with the reason; the office records the paper copies.
 * Arrange through the API; act and assert through the pages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDeclarations, windowForm } from '../nominations/fixtures';
import { newCampaign, seedNomination } from '../nominations/support';
import { makeJpeg } from '../uploads/images';
import { expectAccessible, launch, openPage, screenshot } from './browser';

let browser: Browser;
let cid: string;
let nid: string;

beforeAll(async () => {
  browser = await launch();
  cid = await newCampaign();
});
afterAll(() => browser?.close());

const jpeg = (name: string, width: number, height: number, size: number) => ({
  name,
  mimeType: 'image/jpeg',
  buffer: makeJpeg({ width, height, size }),
});

/** Fills every field of the rendered form from a fixture, as a person would, field by field. */
const fillForm = async (page: Page, form: Record<string, string | string[]>) => {
  for (const [key, value] of Object.entries(form)) {
    const field = page.locator(`#field-${key}`);
    const tag = await field.evaluate((el) => el.tagName.toLowerCase());
    if (Array.isArray(value)) for (const option of value) await field.getByLabel(option, { exact: true }).check();
    else if (tag === 'select') await field.selectOption(String(value));
    else await field.fill(String(value));
  }
};

const uploadAndWait = async (page: Page, kind: string, files: ReturnType<typeof jpeg>[], status = 'verified') => {
  await page.locator(`input[data-kind="${kind}"]`).setInputFiles(files);
  await expect
    .poll(() => page.locator(`#field-uploads\\.${kind} li[data-upload-status="${status}"]`).count(), {
      timeout: 20_000,
    })
    .toBe(files.length);
};

describe('a nomination through the staff pages', () => {
  it('the applicant fills the form, uploads real JPEGs, sees a 422 beside its field, fixes it and submits', async () => {
    const { context, page } = await openPage(browser, { as: 'applicant-zhanghe' });
    await page.goto(`/staff/${cid}/nominations/new`);
    await page.getByLabel('申报类别').selectOption('window');
    await page.getByLabel('行业').selectOption('供水');
    await expect.poll(() => page.locator('#field-unitName').count()).toBe(1);
    await expect.poll(() => page.locator('label[for="field-unitName"]').textContent()).toContain('单位名称');
    await expectAccessible(page);
    // The written account is too short to submit (a draft may be incomplete).
    await fillForm(page, windowForm({ account: '窗口推行一站式服务。' }));
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/nominations\/[^/]+\.[0-9a-f]{16}$/);
    nid = decodeURIComponent(page.url().split('/').pop()!);

    await uploadAndWait(page, 'unit_photo', [jpeg('unit.jpg', 1200, 900, 150_000)]);
    await uploadAndWait(
      page,
      'activity_photo',
      [1, 2, 3].map((i) => jpeg(`activity-${i}.jpg`, 1600, 1200, 600_000)),
    );
    // A photo too small for its kind is refused by the verifier, with the reason shown.
    await uploadAndWait(page, 'certificate', [jpeg('tiny.jpg', 100, 100, 5_000)], 'rejected');
    expect(await page.locator('#field-uploads\\.certificate li[data-upload-status="rejected"]').textContent()).toMatch(
      /200/,
    );

    await page.getByRole('button', { name: '提交申报' }).click();
    const beside = page.locator('#error-account');
    await expect.poll(() => beside.textContent()).toMatch(/500/);
    expect(await page.locator('.summary').textContent()).toContain('评选文字材料');
    await expectAccessible(page);

    await page.locator('#field-account').fill(windowForm().account as string);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('草稿已保存');
    await page.getByRole('button', { name: '提交申报' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('已提交');
    expect(await page.locator('.history').textContent()).toContain('已提交');
    await screenshot(page, 'applicant-submitted');
    await context.close();
  });

  it('the department endorses with its stamped scan', async () => {
    const { context, page } = await openPage(browser, { as: 'dept-zhanghe' });
    await page.goto(`/staff/${cid}/nominations`);
    await page.getByRole('link', { name: windowForm().unitName as string }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('已提交');
    await uploadAndWait(page, 'endorsement_scan', [jpeg('scan.jpg', 1240, 1754, 300_000)]);
    await page.getByLabel('评估意见', { exact: true }).fill('同意推荐。');
    for (const declaration of allDeclarations()) await page.getByLabel(`确认${declaration}`).check();
    await page.getByRole('button', { name: '同意推荐' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('部门已推荐');
    await expectAccessible(page);
    await screenshot(page, 'department-endorsed');
    await context.close();
  });

  it('the district forwards within its quota and sees the quota refusal', async () => {
    // Two more endorsed windows of the same district: its window quota (2 in 2019) fits two of the three.
    const others = [
      await seedNomination(cid, { district: 'zhanghe', category: 'window', status: 'endorsed' }),
      await seedNomination(cid, { district: 'zhanghe', category: 'window', status: 'endorsed' }),
    ];
    const { context, page } = await openPage(browser, { as: 'district-zhanghe' });
    await page.goto(`/staff/${cid}/nominations`);
    const left = page.locator('table.quota tr[data-category="window"] td[data-field="left"]');
    await expect.poll(() => left.textContent()).toBe('2');
    await expectAccessible(page);

    await page.locator(`tr[data-nid="${nid}"]`).getByRole('button', { name: /报送/ }).click();
    await expect.poll(() => left.textContent()).toBe('1');
    await page.locator(`tr[data-nid="${others[0]!.id}"]`).getByRole('button', { name: /报送/ }).click();
    await expect.poll(() => left.textContent()).toBe('0');
    await page.locator(`tr[data-nid="${others[1]!.id}"]`).getByRole('button', { name: /报送/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('QUOTA_EXCEEDED');
    expect(await page.getByRole('alert').textContent()).toContain('推荐名额已用完');
    expect(await page.locator(`tr[data-nid="${others[1]!.id}"]`).textContent()).toContain('部门已推荐');
    await screenshot(page, 'district-quota-refused');
    await context.close();
  });

  it('the district returns a nomination to its department with the reason; the office records the paper copies', async () => {
    const endorsed = await seedNomination(cid, { district: 'zhanghe', category: 'window', status: 'endorsed' });
    const district = await openPage(browser, { as: 'district-zhanghe' });
    await district.page.goto(`/staff/${cid}/nominations/${encodeURIComponent(endorsed.id)}`);
    await district.page.getByLabel('退回理由').fill('评估意见过于简单，请重新评估');
    await district.page.getByRole('button', { name: '退回主管部门' }).click();
    await expect.poll(() => district.page.getByTestId('status').textContent()).toBe('已提交');
    expect(await district.page.locator('.history').textContent()).toContain('评估意见过于简单，请重新评估');
    await expectAccessible(district.page);
    await district.context.close();

    const admin = await openPage(browser, { as: 'admin' });
    await admin.page.goto(`/staff/${cid}/nominations/${encodeURIComponent(nid)}`);
    await expect.poll(() => admin.page.getByTestId('paper-copies').textContent()).toBe('尚未登记');
    await admin.page.getByLabel('份数').fill('2');
    await admin.page.getByRole('button', { name: '登记收到' }).click();
    await expect.poll(() => admin.page.getByTestId('paper-copies').textContent()).toContain('已收到 2 份');
    await expectAccessible(admin.page);
    await screenshot(admin.page, 'office-paper-copies');
    await admin.context.close();
  });
});
