/**
 * A citizen on a 375 px phone: campaign home, gallery, verifies a phone by code and votes, then
 * sees the receipts counted. The same by keyboard alone. Arrange through the API; act and assert
 * through the pages.
 */
import { randomInt } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignOnNotice } from '../candidates/support';
import { moveTo } from '../nominations/support';
import { until } from '../results/support';
import { api, login } from '../support/api';
import { expectAccessible, launch, openPage, PHONE, screenshot, tabTo } from './browser';

const newPhone = () => `137${String(randomInt(0, 1e8)).padStart(8, '0')}`;
const codeFor = (phone: string) =>
  until('the SMS code', async () => (await api('GET', `/local/outbox?phone=${phone}`)).body.messages?.[0]?.code);

let browser: Browser;
let cid: string;

beforeAll(async () => {
  browser = await launch();
  ({ cid } = await campaignOnNotice([
    {
      name: '市政务服务中心窗口',
      category: 'window',
      district: 'city',
      sector: '政务服务中心',
      photos: ['unit_photo'],
    },
    { name: '东宝区人民医院窗口', category: 'window', district: 'dongbao', sector: '医院', photos: ['unit_photo'] },
    { name: '掇刀微笑明星', category: 'star', district: 'duodao', sector: '集贸市场', photos: ['portrait'] },
  ]));
  await moveTo(cid, 'voting');
});
afterAll(() => browser?.close());

/** Verifies the phone on the voting page (the code read from the local SMS outbox, as a phone would show it). */
const verify = async (page: Page, phone: string) => {
  await page.getByRole('textbox', { name: '手机号码', exact: true }).fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByRole('textbox', { name: '短信验证码（6位）' }).fill(await codeFor(phone));
  await page.getByRole('button', { name: '验证', exact: true }).click();
};

describe('a citizen on a phone', () => {
  it('reads the campaign and the gallery, verifies a phone, votes, and sees the receipts counted', async () => {
    const { context, page } = await openPage(browser, { device: PHONE });
    await page.goto(`/c/${cid}`);
    await expect.poll(() => page.getByText('当前阶段').textContent()).toContain('投票');
    await expectAccessible(page);

    await page.getByRole('link', { name: '候选名单' }).click();
    await expect.poll(() => page.locator('.gallery li').count()).toBe(3);
    await page.getByLabel('类别').selectOption('star');
    await expect.poll(() => page.locator('.gallery li').count()).toBe(1);
    await expectAccessible(page);

    await page.goto(`/c/${cid}/vote`);
    await verify(page, newPhone());
    await expect.poll(() => page.getByTestId('left-window').textContent()).toBe('今日还可投 5 名');
    await expectAccessible(page);
    await page.getByLabel(/市政务服务中心窗口/).check();
    await page.getByLabel(/掇刀微笑明星/).check();
    await expect.poll(() => page.getByTestId('left-window').textContent()).toBe('今日还可投 4 名');
    await page.getByRole('button', { name: '投票（已选 2 名）' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已投出 2 票');

    await page.getByRole('link', { name: '查看投票凭证' }).click();
    await expect.poll(() => page.locator('table.receipts tbody tr').count()).toBe(2);
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: '刷新状态' }).click();
          return page.locator('tr[data-status="counted"]').count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(2);
    await expectAccessible(page);
    // Counted votes now hold a place: the ballot says one window vote fewer is left.
    await page.goto(`/c/${cid}/vote`);
    await expect.poll(() => page.getByTestId('left-window').textContent()).toBe('今日还可投 4 名');
    await screenshot(page, 'citizen-vote');
    // A lost or shared phone: the number is signed out everywhere and asked for again.
    await page.getByRole('button', { name: '退出验证（所有设备）' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: '手机号码', exact: true }).count()).toBe(1);
    await context.close();
  });

  it('votes by keyboard alone', async () => {
    const { context, page } = await openPage(browser, { device: PHONE });
    await page.goto(`/c/${cid}/vote`);
    const phone = newPhone();
    await tabTo(page, page.getByRole('textbox', { name: '手机号码', exact: true }));
    await page.keyboard.type(phone);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const code = await codeFor(phone);
    await tabTo(page, page.getByRole('textbox', { name: '短信验证码（6位）' }));
    await page.keyboard.type(code);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // The first candidate's box: Tab to it, Space to choose it, Tab on to the vote button, Enter.
    await tabTo(page, page.getByRole('checkbox').first());
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: /^投票/ }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已投出 1 票');
    await screenshot(page, 'citizen-vote-keyboard');
    await context.close();
  });
});

describe('a citizen with an objection', () => {
  it('verifies the phone first, then raises the objection under that number', async () => {
    const { cid: onNotice, seeded } = await campaignOnNotice([
      { name: '东宝区政务窗口', category: 'window', district: 'dongbao', sector: '政务服务中心' },
    ]);
    const { context, page } = await openPage(browser, { device: PHONE });
    await page.goto(`/c/${onNotice}/candidates/${seeded[0]!.id}`);
    await expect.poll(() => page.getByText('提出异议前请先验证手机号码。').count()).toBe(1);
    const phone = newPhone();
    await verify(page, phone);
    await expect.poll(() => page.getByRole('textbox', { name: '联系电话（已验证）' }).inputValue()).toBe(phone);
    await page.getByRole('textbox', { name: '姓名' }).fill('王先生');
    await page.getByRole('textbox', { name: '异议内容' }).fill('该窗口申报材料中的服务时长与实际不符。');
    await page.getByRole('checkbox', { name: '处理结果短信告知我' }).check();
    await page.getByRole('button', { name: '提交异议' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('异议已提交');
    await expectAccessible(page);
    await context.close();
    const listed = await api('GET', `/campaigns/${onNotice}/objections`, { token: await login('admin') });
    expect(
      listed.body.objections.map((o: { phone: string; name: string; notify?: boolean }) => [o.name, o.phone, o.notify]),
    ).toEqual([['王先生', phone, true]]);
  });
});
