import { useState } from 'preact/hooks';
import { api, setStaffToken, staffUser } from '../api';
import { t } from '../i18n';
import { navigate } from '../router';
import { ErrorBox, Loaded, Page, useAsync } from '../ui';

/**
 * Staff sign-in. Locally it lists the demo users of the local issuer; on AWS staff sign in with
 * the Cognito hosted UI (authorization code + PKCE), which is not built yet (see web/README.md).
 */
export const SignIn = () => {
  const users = useAsync(() => api.users(), []);
  const [error, setError] = useState<unknown>();
  const current = staffUser();
  const signIn = async (username: string) => {
    try {
      setStaffToken((await api.login(username)).token);
      navigate('/staff');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Page title={t('工作人员登录', 'Staff sign-in')}>
      {current && (
        <p>
          {t('已登录', 'Signed in as')} <strong>{current.name ?? current.username}</strong> ·{' '}
          <button
            type="button"
            class="link"
            onClick={() => {
              setStaffToken(null);
              navigate('/signin');
            }}
          >
            {t('退出', 'Sign out')}
          </button>
        </p>
      )}
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
    </Page>
  );
};
