/**
 * Staff sign-in on AWS: the OIDC authorization code flow with PKCE against the sign-in endpoints
 * config.json names (Cognito's hosted UI, written there by the API stack). The callback is
 * `<site>/staff/`, the user pool client's only callback URL; the ID token is what the API takes.
 * Locally config.json names none and /signin lists the local issuer's demo users instead.
 */
import { setStaffToken, siteConfig, type StaffSignInConfig } from './api';
import { challengeOf, randomToken } from './pkce';
import { navigate } from './router';

const PENDING = 'staffSignInPending';
const callbackUrl = () => `${location.origin}/staff/`;

/** Sends the browser to the issuer's sign-in page, keeping the verifier and state in this tab. */
export const startSignIn = async (config: StaffSignInConfig) => {
  const verifier = randomToken();
  const state = randomToken();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: callbackUrl(),
    scope: 'openid email profile',
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${config.authorizeUrl}?${query}`);
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
  const response = await fetch(staffSignIn.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: staffSignIn.clientId,
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
 * Forgets the token here and, with a hosted sign-in, ends its session there too (it sends the browser back to /staff/).
 */
export const signOut = async () => {
  setStaffToken(null);
  const { staffSignIn } = await siteConfig();
  if (!staffSignIn) return navigate('/signin');
  location.assign(
    `${staffSignIn.logoutUrl}?${new URLSearchParams({ client_id: staffSignIn.clientId, logout_uri: callbackUrl() })}`,
  );
};
