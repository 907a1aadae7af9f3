import { useState } from 'preact/hooks';
import { api, setStaffToken, siteConfig, staffUser, type StaffSignInConfig } from '../api';
import { signOut, startSignIn } from '../staff-sign-in';
import { t } from '../i18n';
import { navigate } from '../router';
import { ErrorBox, Loaded, Page, useAsync } from '../ui';

/**
 * Staff sign-in. On AWS (config.json names the sign-in endpoints or an OIDC issuer) staff sign in on the issuer's
 * pages (Cognito's hosted UI or the issuer's: authorization code + PKCE, staff-sign-in.ts); locally the page lists
 * the demo users of the local issuer.
 */
export const SignIn = () => {
  const config = useAsync(siteConfig, []);
  return (
    <Page title={t('工作人员登录', 'Staff sign-in')}>
      <SignedInAs />
      <Loaded async={config}>{(c) => (c.staffSignIn ? <HostedSignIn config={c.staffSignIn} /> : <DemoUsers />)}</Loaded>
    </Page>
  );
};

const SignedInAs = () => {
  const current = staffUser();
  return current ? (
    <p>
      {t('已登录', 'Signed in as')} <strong>{current.name ?? current.username}</strong> ·{' '}
      <button type="button" class="link" onClick={signOut}>
        {t('退出', 'Sign out')}
      </button>
    </p>
  ) : null;
};

const HostedSignIn = ({ config }: { config: StaffSignInConfig }) => {
  const [error, setError] = useState<unknown>();
  return (
    <>
      <ErrorBox error={error} />
      <button type="button" class="primary" onClick={() => startSignIn(config).catch(setError)}>
        {t('登录（统一身份认证）', 'Sign in')}
      </button>
    </>
  );
};

const DemoUsers = () => {
  const users = useAsync(() => api.users(), []);
  const [error, setError] = useState<unknown>();
  const signIn = async (username: string) => {
    try {
      setStaffToken((await api.login(username)).token);
      navigate('/staff');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <p>{t('本机演示用户（仅本地运行时提供）：', 'Demo users (served only by the local system):')}</p>
      <ErrorBox error={error} />
      <Loaded async={users}>
        {(list) => (
          <ul class="users">
            {list.map((u) => (
              <li key={u.username}>
                <button type="button" onClick={() => signIn(u.username)} data-username={u.username}>
                  {u.name}
                </button>{' '}
                <code>{u.username}</code> · {u.roles.join(', ')}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </>
  );
};
