/**
 * The web pages' budgets (issue 12), measured in Debian's chromium against a local system started
 * here (fresh data dir, pages built when stale), side by side in one run:
 *
 *   1. JavaScript and CSS the voting page loads before it is usable, gzip (budget 60 KB);
 *   2. photo bytes an 80-candidate gallery loads above the fold on a 375 px phone, without
 *      scrolling (budget 600 KB); each candidate has one verified photo of PHOTO_KB (default 300)
 *      and its thumbnail. The test photos are flat grey, so their thumbnails are far smaller than
 *      a real photo's (320 px at quality 70: some 10-25 KB);
 *   3. time until the voting page is usable (the phone field is on screen) on a cold cache under
 *      Chrome's "Fast 4G" profile through the DevTools protocol, with 4x CPU throttling, median of RUNS.
 *
 *   node --openssl-legacy-provider --import tsx bench/web/budgets.ts      (npm run bench:web)
 *
 * The local gateway sends no compression: sizes are gzipped here, as CloudFront would send them.
 * Exits 1 when a budget is exceeded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { buildPagesIfStale } from '../../infra/local/web-pages';
import { startLocalSystem } from '../../infra/local/system';
import { campaignOnNotice, type SeedSpec } from '../../test/candidates/support';
import { moveTo } from '../../test/nominations/support';
import { useLocalSystem } from '../../test/support/api';

const CANDIDATES = 80;
const PHOTO_KB = Number(process.env.PHOTO_KB ?? 300);
const RUNS = Number(process.env.RUNS ?? 3);
const BUDGET = { jsCssGzipKb: 60, galleryPhotosKb: 600 };
/**
 * Chrome DevTools' "Fast 4G" preset (front_end/core/sdk/NetworkManager.ts): 9 Mbps down, 1.5 Mbps up, 60 ms x 2.75
 * latency.
 */
const FAST_4G = {
  offline: false,
  latency: 165,
  downloadThroughput: (9e6 / 8) * 0.9,
  uploadThroughput: (1.5e6 / 8) * 0.9,
};
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await buildPagesIfStale();
const dataDir = mkdtempSync(join(tmpdir(), 'web-budgets-'));
const system = await startLocalSystem({ dataDir, port: 0, tickSeconds: 1, pollers: 1 });
useLocalSystem({ url: system.url, endpoints: system.endpoints, dataDir, env: system.env });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});

try {
  const districts = ['city', 'dongbao', 'duodao', 'zhanghe'];
  const specs: SeedSpec[] = Array.from({ length: CANDIDATES }, (_, i) => ({
    name: `候选单位${i + 1}`,
    category: i % 2 ? 'star' : 'window',
    district: districts[i % 4]!,
    sector: '供水',
    photos: [i % 2 ? 'portrait' : 'unit_photo'],
    photoBytes: PHOTO_KB * 1024,
  }));
  const { cid } = await campaignOnNotice(specs);
  await moveTo(cid, 'voting');

  /** Loads `path` on a phone in a fresh context (cold cache); returns the responses' bodies by type. */
  const load = async (path: string, throttle: boolean, until: (page: Page) => Promise<unknown>) => {
    const context = await browser.newContext({ ...PHONE, baseURL: system.url });
    const page = await context.newPage();
    if (throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', FAST_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    }
    const bodies: Array<Promise<{ type: string; bytes: Buffer }>> = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      bodies.push(
        response.body().then(
          (bytes) => ({ type, bytes }),
          () => ({ type, bytes: Buffer.alloc(0) }),
        ),
      );
    });
    await page.goto(path);
    await until(page);
    const usableMs = await page.evaluate(() => performance.now());
    await page.waitForLoadState('networkidle', { timeout: 90_000 });
    const loaded = await Promise.all(bodies);
    await context.close();
    return { usableMs, loaded };
  };
  const phoneField = (page: Page) => page.waitForSelector('input[name="phone"]', { state: 'visible' });

  const vote = await load(`/c/${cid}/vote`, false, phoneField);
  const code = vote.loaded.filter((r) => r.type === 'script' || r.type === 'stylesheet');
  const raw = code.reduce((sum, r) => sum + r.bytes.length, 0);
  const gzip = code.reduce((sum, r) => sum + gzipSync(r.bytes, { level: 9 }).length, 0);

  const gallery = await load(`/c/${cid}/candidates`, false, (page) =>
    page.waitForFunction(`document.querySelectorAll('.gallery li').length === ${CANDIDATES}`),
  );
  const photos = gallery.loaded.filter((r) => r.type === 'image');
  const photoBytes = photos.reduce((sum, r) => sum + r.bytes.length, 0);

  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await load(`/c/${cid}/vote`, true, phoneField)).usableMs);

  const rows = [
    [
      'voting page JS+CSS before usable (gzip)',
      `${kb(gzip)} KB (raw ${kb(raw)} KB, ${code.length} files)`,
      `<= ${BUDGET.jsCssGzipKb} KB`,
      gzip <= BUDGET.jsCssGzipKb * 1024,
    ],
    [
      `gallery of ${CANDIDATES}, photos above the fold at 375 px`,
      `${kb(photoBytes)} KB (${photos.length} of ${CANDIDATES} photos of ${PHOTO_KB} KB)`,
      `<= ${BUDGET.galleryPhotosKb} KB`,
      photoBytes <= BUDGET.galleryPhotosKb * 1024,
    ],
    [
      'voting page usable, Fast 4G + 4x CPU, cold cache',
      `${Math.round(median(times))} ms median (${times.map(Math.round).join(', ')})`,
      'measured',
      true,
    ],
  ] as const;
  console.log(
    'budget                                              | measured                                   | budget   | ok',
  );
  for (const [name, measured, budget, ok] of rows)
    console.log(`${name.padEnd(51)} | ${measured.padEnd(42)} | ${budget.padEnd(8)} | ${ok ? 'yes' : 'NO'}`);
  process.exitCode = rows.every((r) => r[3]) ? 0 : 1;
} finally {
  await browser.close();
  await system.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
