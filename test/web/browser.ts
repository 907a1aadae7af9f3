/**
 * Browser tests drive Debian's chromium (/usr/bin/chromium, or $CHROMIUM) with playwright-core
 * against the local system of the run, whose gateway serves the built pages (npm start builds
 * them when stale). Screenshots of each journey's last step go to .tmp/web/.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { local, login } from '../support/api';

const SHOTS = resolve(import.meta.dirname, '../../.tmp/web');

export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

export const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };
export const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' };

/** A page in a fresh context; `as` signs a demo user in (the token in sessionStorage, as the sign-in page keeps it). */
export const openPage = async (
  browser: Browser,
  { device = DESKTOP, as }: { device?: typeof PHONE | typeof DESKTOP; as?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ ...device, baseURL: local().url });
  if (as) {
    const token = await login(as);
    await context.addInitScript((value) => sessionStorage.setItem('staffToken', value), token);
  }
  const page = await context.newPage();
  return { context, page };
};

/** No serious or critical axe violation on the page as it is now. */
export const expectAccessible = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe on ${page.url()}`,
  ).toEqual([]);
};

export const screenshot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

/** Presses Tab until `target` has the focus (as a keyboard user would reach it); fails after `max` presses. */
export const tabTo = async (page: Page, target: Locator, max = 40) => {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
};
