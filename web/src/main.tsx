import { type JSX, render } from 'preact';
import './style.css';
import { lang, useLang } from './i18n';
import { match, useLocation } from './router';
import { useAsync, Loaded } from './ui';
import { Home } from './pages/home';
import { SignIn } from './pages/sign-in';
import { CampaignHome } from './pages/campaign';
import { Gallery } from './pages/gallery';
import { CandidatePage } from './pages/candidate';
import { VotePage } from './pages/vote';
import { ReceiptsPage } from './pages/receipts';
import { ResultsPage } from './pages/results';

/** Staff pages load on demand, so the citizens' pages stay small. */
const Staff = ({ path }: { path: string }) => {
  const module = useAsync(() => import('./staff/staff'), []);
  return <Loaded async={module}>{({ StaffRoutes }) => <StaffRoutes path={path} />}</Loaded>;
};

const NotFound = () => (
  <main>
    <h1>404</h1>
    <p>
      <a href="/">首页 / Home</a>
    </p>
  </main>
);

/** The pages' routes; none collides with an API path (see web/README.md). */
const routes: Array<[string, (p: Record<string, string>) => JSX.Element]> = [
  ['/', () => <Home />],
  ['/signin', () => <SignIn />],
  ['/c/:cid', (p) => <CampaignHome cid={p.cid!} />],
  ['/c/:cid/candidates', (p) => <Gallery cid={p.cid!} />],
  ['/c/:cid/candidates/:nid', (p) => <CandidatePage cid={p.cid!} nid={p.nid!} />],
  ['/c/:cid/vote', (p) => <VotePage cid={p.cid!} />],
  ['/c/:cid/receipts', (p) => <ReceiptsPage cid={p.cid!} />],
  ['/c/:cid/results', (p) => <ResultsPage cid={p.cid!} />],
];

const App = () => {
  useLang();
  const path = useLocation().split('?')[0]!;
  if (path === '/staff' || path.startsWith('/staff/')) return <Staff path={path} />;
  for (const [pattern, page] of routes) {
    const params = match(pattern, path);
    if (params) return page(params);
  }
  return <NotFound />;
};

document.documentElement.lang = lang() === 'en' ? 'en' : 'zh-CN';
render(<App />, document.getElementById('app')!);
