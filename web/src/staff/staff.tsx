import { staffUser } from '../api';
import { t } from '../i18n';
import { Page } from '../ui';

/** The staff pages, by role. */
export const StaffRoutes = ({ path }: { path: string }) => {
  const user = staffUser();
  if (!user)
    return (
      <Page title={t('工作台', 'Workbench')}>
        <p>
          <a href="/signin">{t('请先登录', 'Sign in first')}</a>
        </p>
      </Page>
    );
  return (
    <Page title={t('工作台', 'Workbench')}>
      <p>
        {user.name} · {user.roles.join(', ')} · {path}
      </p>
    </Page>
  );
};
