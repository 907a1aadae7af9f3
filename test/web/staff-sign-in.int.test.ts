/**
 * The staff sign-in as on AWS, through the pages: config.json names an issuer's endpoints, /signin
 * sends the browser to its authorize endpoint with a PKCE challenge, the issuer sends it back to
 * /staff/ with a code, and the page exchanges code and verifier for the ID token the API accepts.
 * The issuer's two endpoints are stood in by the browser's request routing (the token they return
 * is the local issuer's, so the API really checks it); config.json is the one the API stack writes.
 */
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { local, login } from '../support/api';
import { launch, openPage } from './browser';

const IDP = 'https://idp.example.test';
const staffSignIn = {
  clientId: 'staff-pages',
  authorizeUrl: `${IDP}/oauth2/authorize`,
  tokenUrl: `${IDP}/oauth2/token`,
  logoutUrl: `${IDP}/logout`,
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('staff sign-in with authorization code and PKCE', () => {
  it('signs in through the issuer, checks state, proves the verifier, and signs out there too', async () => {
    const site = local().url;
    const { context, page } = await openPage(browser);
    const token = await login('admin');
    let authorize: URLSearchParams | undefined;
    let exchange: URLSearchParams | undefined;
    await page.route('**/config.json', (route) => route.fulfill({ json: { staffSignIn } }));
    await page.route(`${IDP}/oauth2/authorize?*`, (route) => {
      authorize = new URL(route.request().url()).searchParams;
      const back = new URLSearchParams({ code: 'the-code', state: authorize.get('state')! });
      return route.fulfill({ status: 302, headers: { location: `${site}/staff/?${back}` } });
    });
    await page.route(`${IDP}/oauth2/token`, (route) => {
      exchange = new URLSearchParams(route.request().postData() ?? '');
      return route.fulfill({
        json: { id_token: token, token_type: 'Bearer', expires_in: 3600 },
        headers: { 'access-control-allow-origin': site },
      });
    });
    await page.route(`${IDP}/logout?*`, (route) =>
      route.fulfill({
        status: 302,
        headers: { location: new URL(route.request().url()).searchParams.get('logout_uri')! },
      }),
    );

    await page.goto('/signin');
    await page.getByRole('button', { name: '登录（统一身份认证）' }).click();
    await expect.poll(() => page.getByRole('button', { name: '退出' }).count(), { timeout: 15_000 }).toBe(1);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/staff/');
    expect(Object.fromEntries(authorize!)).toMatchObject({
      response_type: 'code',
      client_id: 'staff-pages',
      redirect_uri: `${site}/staff/`,
      code_challenge_method: 'S256',
    });
    expect(Object.fromEntries(exchange!)).toMatchObject({
      grant_type: 'authorization_code',
      client_id: 'staff-pages',
      code: 'the-code',
      redirect_uri: `${site}/staff/`,
    });
    // The verifier sent with the code is the one the challenge was made from.
    const verifier = exchange!.get('code_verifier')!;
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(authorize!.get('code_challenge'));
    // The workbench lists campaigns with the ID token: the API took it.
    await expect.poll(() => page.locator('.cards li').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: '退出' }).click();
    await expect.poll(() => page.getByRole('link', { name: '请先登录' }).count()).toBe(1);
    await context.close();
  });

  it('refuses a callback this tab did not start (a forged or replayed code)', async () => {
    const { context, page } = await openPage(browser);
    let exchanged = false;
    await page.route('**/config.json', (route) => route.fulfill({ json: { staffSignIn } }));
    await page.route(`${IDP}/oauth2/token`, (route) => {
      exchanged = true;
      return route.abort();
    });
    await page.goto('/staff/?code=stolen&state=guessed');
    await expect.poll(() => page.locator('main').textContent()).toContain('登录回调无效');
    expect(exchanged).toBe(false);
    expect(await page.evaluate(() => sessionStorage.getItem('staffToken'))).toBeNull();
    await context.close();
  });
});
