/**
 * The staff sign-in as on AWS, through the pages: config.json names an issuer's endpoints (Cognito)
 * or an OIDC issuer whose discovery document names them (context staffIssuer), /signin sends the
 * browser to its authorize endpoint with a PKCE challenge, the issuer sends it back to /staff/ with
 * a code, and the page exchanges code and verifier for the ID token the API accepts. The issuer's
 * endpoints are stood in by the browser's request routing (the token they return is the local
 * issuer's, so the API really checks it); config.json is the one the API stack writes.
 */
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
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
// Another issuer, as in AWS China regions: config.json names only it and the client id.
const ISSUER = `${IDP}/realms/awards`;
const OIDC = `${ISSUER}/protocol/openid-connect`;
const discovery = {
  issuer: ISSUER,
  authorization_endpoint: `${OIDC}/auth`,
  token_endpoint: `${OIDC}/token`,
  end_session_endpoint: `${OIDC}/logout`,
  jwks_uri: `${OIDC}/certs`,
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const cors = () => ({ 'access-control-allow-origin': local().url });

/** Stands in for the issuer's discovery document (it serves it to the site's origin). */
const serveDiscovery = (page: Page, document: object) =>
  page.route(`${ISSUER}/.well-known/openid-configuration`, (route) =>
    route.fulfill({ json: document, headers: cors() }),
  );

/**
 * Signs in through the issuer's authorize and token endpoints, checks state, the verifier and that the API took the
 * token, then signs out through `logout`, which must send the browser back to /staff/ by `backParam`.
 */
const signInAndOut = async (
  page: Page,
  {
    authorizeUrl,
    tokenUrl,
    logout,
    backParam,
  }: { authorizeUrl: string; tokenUrl: string; logout: string; backParam: string },
) => {
  const site = local().url;
  const token = await login('admin');
  let authorize: URLSearchParams | undefined;
  let exchange: URLSearchParams | undefined;
  let signedOut: URLSearchParams | undefined;
  await page.route(`${authorizeUrl}?*`, (route) => {
    authorize = new URL(route.request().url()).searchParams;
    const back = new URLSearchParams({ code: 'the-code', state: authorize.get('state')! });
    return route.fulfill({ status: 302, headers: { location: `${site}/staff/?${back}` } });
  });
  await page.route(tokenUrl, (route) => {
    exchange = new URLSearchParams(route.request().postData() ?? '');
    return route.fulfill({ json: { id_token: token, token_type: 'Bearer', expires_in: 3600 }, headers: cors() });
  });
  await page.route(`${logout}?*`, (route) => {
    signedOut = new URL(route.request().url()).searchParams;
    return route.fulfill({ status: 302, headers: { location: signedOut.get(backParam)! } });
  });

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
  expect(Object.fromEntries(signedOut!)).toEqual({ client_id: 'staff-pages', [backParam]: `${site}/staff/` });
  expect(await page.evaluate(() => sessionStorage.getItem('staffToken'))).toBeNull();
};

describe('staff sign-in with authorization code and PKCE', () => {
  it('signs in through the issuer, checks state, proves the verifier, and signs out there too', async () => {
    const { context, page } = await openPage(browser);
    await page.route('**/config.json', (route) => route.fulfill({ json: { staffSignIn } }));
    await signInAndOut(page, { ...staffSignIn, logout: staffSignIn.logoutUrl, backParam: 'logout_uri' });
    await context.close();
  });

  it("finds another issuer's endpoints in its discovery document and runs the same flow there", async () => {
    const { context, page } = await openPage(browser);
    await page.route('**/config.json', (route) =>
      route.fulfill({ json: { staffSignIn: { clientId: 'staff-pages', issuer: ISSUER } } }),
    );
    await serveDiscovery(page, discovery);
    await signInAndOut(page, {
      authorizeUrl: discovery.authorization_endpoint,
      tokenUrl: discovery.token_endpoint,
      logout: discovery.end_session_endpoint,
      backParam: 'post_logout_redirect_uri',
    });
    await context.close();
  });

  it('refuses a discovery document that names another issuer, before sending anyone there', async () => {
    const { context, page } = await openPage(browser);
    let authorized = false;
    await page.route('**/config.json', (route) =>
      route.fulfill({ json: { staffSignIn: { clientId: 'staff-pages', issuer: ISSUER } } }),
    );
    await serveDiscovery(page, { ...discovery, issuer: 'https://evil.example.test' });
    await page.route(`${discovery.authorization_endpoint}?*`, (route) => {
      authorized = true;
      return route.abort();
    });
    await page.goto('/signin');
    await page.getByRole('button', { name: '登录（统一身份认证）' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('登录服务的配置无效');
    expect(authorized).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/signin');
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
