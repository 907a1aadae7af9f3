/** The staff pages (loaded on demand): each role's work per campaign. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, staffUser, type StaffClaims } from '../api';
import { stageName, t } from '../i18n';
import { match } from '../router';
import { finishSignIn, isSignInCallback, signOut } from '../staff-sign-in';
import { Loaded, Page, useAsync } from '../ui';
import { JudgePage } from './judge';
import { NewNomination, NominationList, NominationPage } from './nominations';
import { Office } from './office';
import { ActivityReports } from './reports';

const ROLE_NAMES: Record<string, [string, string]> = {
  admin: ['评选活动办公室', 'Activity office'],
  district: ['县市区', 'District'],
  department: ['主管部门', 'Department'],
  applicant: ['申报单位', 'Applicant'],
  judge: ['评审专家', 'Judge'],
};

const links = (user: StaffClaims, cid: string): Array<[string, string]> => {
  const base = `/staff/${encodeURIComponent(cid)}`;
  const out: Array<[string, string]> = [];
  if (user.roles.includes('admin')) out.push([`${base}/office/stages`, t('控制台', 'Console')]);
  if (user.roles.includes('applicant')) {
    out.push([`${base}/nominations`, t('我的申报', 'My nominations')]);
    out.push([`${base}/reports`, t('活动报告', 'Activity reports')]);
  }
  if (user.roles.includes('department') || user.roles.includes('district'))
    out.push([`${base}/nominations`, t('待办申报', 'Queue')]);
  if (user.roles.includes('judge')) out.push([`${base}/judge`, t('评分表', 'Scoresheet')]);
  return out;
};

const Home = ({ user }: { user: StaffClaims }) => {
  const campaigns = useAsync(() => api.campaigns(), []);
  return (
    <>
      <p>
        {user.name ?? user.username} · {user.roles.map((r) => (ROLE_NAMES[r] ? t(...ROLE_NAMES[r]) : r)).join('、')} ·{' '}
        <button type="button" class="link" onClick={signOut}>
          {t('退出', 'Sign out')}
        </button>
      </p>
      <Loaded async={campaigns}>
        {(list) => (
          <ul class="cards">
            {list.map((c) => (
              <li key={c.id} class="card">
                <strong>{c.name}</strong> · {stageName(c.stage)}
                <div class="actions">
                  {links(user, c.id).map(([href, label]) => (
                    <a key={href} href={href}>
                      {label}
                    </a>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </>
  );
};

const routes: Array<[string, [string, string], (p: Record<string, string>) => JSX.Element]> = [
  ['/staff/:cid/nominations', ['申报', 'Nominations'], (p) => <NominationList cid={p.cid!} />],
  ['/staff/:cid/nominations/new', ['新建申报', 'New nomination'], (p) => <NewNomination cid={p.cid!} />],
  ['/staff/:cid/nominations/:nid', ['申报详情', 'Nomination'], (p) => <NominationPage cid={p.cid!} nid={p.nid!} />],
  ['/staff/:cid/reports', ['活动报告', 'Activity reports'], (p) => <ActivityReports cid={p.cid!} />],
  ['/staff/:cid/judge', ['评分表', 'Scoresheet'], (p) => <JudgePage cid={p.cid!} />],
  ['/staff/:cid/office', ['评选活动控制台', 'Office console'], (p) => <Office cid={p.cid!} tab="stages" />],
  ['/staff/:cid/office/:tab', ['评选活动控制台', 'Office console'], (p) => <Office cid={p.cid!} tab={p.tab!} />],
];

/** The issuer sent the browser back with a code: exchange it, then show the workbench. */
const SignInCallback = ({ onDone }: { onDone: () => void }) => {
  const exchange = useAsync(() => finishSignIn().then(onDone), []);
  return (
    <Page title={t('登录', 'Signing in')}>
      <Loaded async={exchange}>{() => null}</Loaded>
      {exchange.error !== undefined && (
        <p>
          <a href="/signin">{t('重新登录', 'Sign in again')}</a>
        </p>
      )}
    </Page>
  );
};

export const StaffRoutes = ({ path }: { path: string }) => {
  const [, setSignedIn] = useState(0);
  if (isSignInCallback()) return <SignInCallback onDone={() => setSignedIn((n) => n + 1)} />;
  const user = staffUser();
  if (!user)
    return (
      <Page title={t('工作台', 'Workbench')}>
        <p>
          <a href="/signin">{t('请先登录', 'Sign in first')}</a>
        </p>
      </Page>
    );
  for (const [pattern, names, page] of routes) {
    const params = match(pattern, path);
    if (params)
      return (
        <Page title={t(...names)}>
          <p>
            <a href="/staff">{t('← 工作台', '← Workbench')}</a>
          </p>
          {page(params)}
        </Page>
      );
  }
  return (
    <Page title={t('工作台', 'Workbench')}>
      <Home user={user} />
    </Page>
  );
};
