/**
 * Through the staff and public pages: a judge scores on the scoresheet; the office reads the dry
 * run and moves the campaign from public notice to voting, scoring and announcement; the public
 * results page shows the same figures as the API. Votes and the judge list are arranged through the API.
 */
import { randomInt } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignOnNotice } from '../candidates/support';
import { until } from '../results/support';
import { api, login } from '../support/api';
import { expectAccessible, launch, openPage, screenshot } from './browser';

let browser: Browser;
let cid: string;
let ids: string[];

beforeAll(async () => {
  browser = await launch();
  const { cid: id, seeded } = await campaignOnNotice([
    { name: '市政务服务中心窗口', category: 'window', district: 'city', sector: '政务服务中心' },
    { name: '东宝区人民医院窗口', category: 'window', district: 'dongbao', sector: '医院' },
    { name: '掇刀微笑明星', category: 'star', district: 'duodao', sector: '集贸市场' },
  ]);
  cid = id;
  ids = seeded.map((n) => n.id);
  const added = await api('POST', `/campaigns/${cid}/judges`, {
    token: await login('admin'),
    body: { username: 'judge-1', name: '评审专家一', district: 'zhanghe', unit: 'zhanghe-trade-union' },
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
});
afterAll(() => browser?.close());

const vote = async (candidateIds: string[]) => {
  const phone = `136${String(randomInt(0, 1e8)).padStart(8, '0')}`;
  await api('POST', '/voter/otp', { body: { phone } });
  const code = await until(
    'the code',
    async () => (await api('GET', `/local/outbox?phone=${phone}`)).body.messages?.[0]?.code,
  );
  const session = await api('POST', '/voter/session', { body: { phone, code } });
  const cast = await api('POST', `/campaigns/${cid}/votes`, { token: session.body.token, body: { candidateIds } });
  expect(cast.status).toBe(202);
  for (const r of cast.body.receipts)
    await until('counted', async () =>
      (await api('GET', `/receipts/${r.receiptId}`)).body.status === 'counted' ? true : undefined,
    );
};

/** On the console's stages tab: reads the dry run, checks every precondition passed, moves on. */
const moveOn = async (page: Page, to: string) => {
  await page.goto(`/staff/${cid}/office/stages`);
  const heading = page.getByRole('heading', { name: `进入下一阶段: ${to}` });
  await expect.poll(() => heading.count()).toBe(1);
  expect(await page.locator('table.preconditions tr[data-passed="false"]').count()).toBe(0);
  await page.getByLabel('变更理由').fill(`进入${to}`);
  await page.getByRole('button', { name: `确认进入「${to}」` }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain(`已进入：${to}`);
  await expect.poll(() => page.getByTestId('stage').textContent()).toBe(to);
};

describe('the office, a judge and the public results', () => {
  it('a judge scores every candidate on the scoresheet', async () => {
    const { context, page } = await openPage(browser, { as: 'judge-1' });
    await page.goto(`/staff/${cid}/judge`);
    await expect.poll(() => page.getByTestId('left').textContent()).toBe('还有 3 名待评');
    await expectAccessible(page);
    for (const [i, nid] of ids.entries()) {
      const form = page.locator(`form[data-nid="${nid}"]`);
      for (const input of await form.locator('input[type="number"]').all()) await input.fill(String(14 + i));
      await form.getByLabel('评语').fill('材料翔实');
      await form.getByRole('button', { name: '保存评分' }).click();
      await expect.poll(() => form.textContent()).toContain(`已评分：${5 * (14 + i)} 分`);
    }
    await expect.poll(() => page.getByTestId('left').textContent()).toBe('还有 0 名待评');
    // A score over a criterion's maximum (20) is stopped in the page before it is sent.
    const first = page.locator(`form[data-nid="${ids[0]}"]`);
    const criterion = first.locator('input[type="number"]').first();
    await criterion.fill('25');
    await first.getByRole('button', { name: '保存评分' }).click();
    expect(await criterion.evaluate((el) => el.validity.valid)).toBe(false);
    expect(await first.textContent()).toContain('已评分：70 分');
    await screenshot(page, 'judge-scoresheet');
    await context.close();
  });

  it('the office reads the dry run and moves the stages; the results page shows the API figures', async () => {
    const { context, page } = await openPage(browser, { as: 'admin' });
    await page.goto(`/staff/${cid}/office/stages`);
    await expect.poll(() => page.getByTestId('stage').textContent()).toBe('公示');
    await expectAccessible(page);
    await moveOn(page, '投票');

    await vote([ids[0]!, ids[1]!, ids[2]!]);
    await vote([ids[0]!]);
    await moveOn(page, '计分');
    await until('results', async () =>
      (await api('GET', `/campaigns/${cid}/results`, { token: await login('admin') })).status === 200
        ? true
        : undefined,
    );
    // The console asks for a new version and follows the worker's job until it is done.
    await page.goto(`/staff/${cid}/office/results`);
    await page.getByRole('button', { name: '重新计算结果' }).click();
    await expect
      .poll(() => page.getByTestId('computation').textContent(), { timeout: 30_000, interval: 500 })
      .toMatch(/^已完成 · 已读 4 票 · 第 2 版/);
    await moveOn(page, '结果公布');
    await page.goto(`/staff/${cid}/office/audit`);
    await expect.poll(() => page.locator('table').textContent()).toContain('campaign.stage');
    await page.goto(`/staff/${cid}/office/stages`);
    await expect.poll(() => page.getByTestId('stage').textContent()).toBe('结果公布');
    await screenshot(page, 'office-console');
    await context.close();

    const publicPage = await openPage(browser);
    const results = (await api('GET', `/campaigns/${cid}/results`)).body;
    await publicPage.page.goto(`/c/${cid}/results`);
    await expect.poll(() => publicPage.page.locator('table.results tbody tr').count()).toBe(3);
    for (const category of ['window', 'star'])
      for (const row of results.categories[category]) {
        const tr = publicPage.page.locator(`tr[data-nid="${row.nominationId}"]`);
        for (const field of ['votes', 'votePart', 'total'])
          expect(await tr.locator(`td[data-field="${field}"]`).textContent(), `${row.name} ${field}`).toBe(
            String(row[field]),
          );
        expect(await tr.locator('td[data-field="expertPart"]').textContent()).toContain(String(row.expertPart));
      }
    expect(await publicPage.page.locator('main').textContent()).toContain(results.tally.root);
    expect(await publicPage.page.locator('main').textContent()).toContain('npm run verify-tally');
    await expectAccessible(publicPage.page);
    await screenshot(publicPage.page, 'results');
    await publicPage.context.close();
  });
});
