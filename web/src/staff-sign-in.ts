/**
 * Staff sign-in on AWS: the OIDC authorization code flow with PKCE against the sign-in endpoints
 * config.json names: Cognito's hosted UI by its endpoints, or another OIDC issuer (context
 * staffIssuer, AWS China regions) by its URL, whose endpoints come from its discovery document
 * (`<issuer>/.well-known/openid-configuration`). The API stack writes config.json. The callback is
 * `<site>/staff/` (the client's only callback URL); the ID token is what the API takes.
 * Locally config.json names none and /signin lists the local issuer's demo users instead.
 */
import { setStaffToken, siteConfig, type StaffSignInConfig } from './api';
import { challengeOf, randomToken } from './pkce';
import { navigate } from './router';

const PENDING = 'staffSignInPending';
const callbackUrl = () => `${location.origin}/staff/`;

const withQuery = (url: string, params: Record<string, string>) => {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return target.href;
};

interface Endpoints {
  clientId: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Ends the issuer's session too and sends the browser back to /staff/; undefined when the issuer names no way. */
  signOutUrl?: string;
}

/** The flow's endpoints: as config.json names them (Cognito), or from the issuer's discovery document. */
const endpointsOf = async (config: StaffSignInConfig): Promise<Endpoints> => {
  if (!('issuer' in config))
    return {
      ...config,
      signOutUrl: withQuery(config.logoutUrl, { client_id: config.clientId, logout_uri: callbackUrl() }),
    };
  const response = await fetch(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    headers: { accept: 'application/json' },
  });
  const discovered = (response.ok ? await response.json() : {}) as Record<string, string | undefined>;
  // OpenID Connect Discovery 1.0, 4.3: the document is the issuer's own only if it names that issuer.
  if (discovered.issuer !== config.issuer || !discovered.authorization_endpoint || !discovered.token_endpoint)
    throw new Error(
      `登录服务的配置无效，请联系管理员 / The sign-in service's discovery document is not usable (${response.status})`,
    );
  const end = discovered.end_session_endpoint;
  return {
    clientId: config.clientId,
    authorizeUrl: discovered.authorization_endpoint,
    tokenUrl: discovered.token_endpoint,
    signOutUrl: end && withQuery(end, { client_id: config.clientId, post_logout_redirect_uri: callbackUrl() }),
  };
};

/** Sends the browser to the issuer's sign-in page, keeping the verifier and state in this tab. */
export const startSignIn = async (config: StaffSignInConfig) => {
  const { clientId, authorizeUrl } = await endpointsOf(config);
  const verifier = randomToken();
  const state = randomToken();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  location.assign(
    withQuery(authorizeUrl, {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: callbackUrl(),
      scope: 'openid email profile',
      state,
      code_challenge: await challengeOf(verifier),
      code_challenge_method: 'S256',
    }),
  );
};

/** Whether this page load is the issuer sending the browser back (`/staff/?code=...` or `?error=...`). */
export const isSignInCallback = () => /[?&](code|error)=/.test(location.search);

/** On the callback: checks `state`, exchanges the code (with the verifier) for the ID token and keeps it. */
export const finishSignIn = async (): Promise<void> => {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', '/staff/');
  const error = params.get('error');
  if (error) throw new Error(`登录未完成 / Sign-in did not complete: ${params.get('error_description') ?? error}`);
  const code = params.get('code');
  const { staffSignIn } = await siteConfig();
  if (!code || !pending || params.get('state') !== pending.state || !staffSignIn)
    throw new Error('登录回调无效，请重新登录 / This sign-in callback is not one this tab started: sign in again');
  const { clientId, tokenUrl } = await endpointsOf(staffSignIn);
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: callbackUrl(),
      code_verifier: pending.verifier,
    }),
  });
  const tokens = (response.ok ? await response.json() : {}) as { id_token?: string };
  if (!tokens.id_token) throw new Error(`登录失败，请重新登录 / Sign-in failed (${response.status}): sign in again`);
  setStaffToken(tokens.id_token);
};

/**
 * Forgets the token here and, with a hosted sign-in that names a way, ends its session there too (it sends the browser
 * back to /staff/).
 */
export const signOut = async () => {
  setStaffToken(null);
  const { staffSignIn } = await siteConfig();
  const signOutUrl = staffSignIn && (await endpointsOf(staffSignIn).catch(() => undefined))?.signOutUrl;
  if (signOutUrl) location.assign(signOutUrl);
  else navigate('/signin');
};
