/** The pieces every page shares: loading data, showing an API error, the page frame. */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, staffUser } from './api';
import { setLang, t, useLang } from './i18n';

export interface Async<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` change; `reload()` runs it again. */
export const useAsync = <T,>(load: () => Promise<T>, deps: unknown[]): Async<T> => {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
};

/** What a refusal means, in the page's language, for the codes people meet most; the API's own message follows. */
const CODES: Record<string, [string, string]> = {
  QUOTA_EXCEEDED: ['推荐名额已用完', 'The recommend places are used up'],
  SUBMISSION_INCOMPLETE: ['申报材料不完整，请按提示补充', 'The nomination is not complete yet'],
  ENDORSEMENT_SCAN_MISSING: ['请先上传加盖公章的评估意见', 'Upload the stamped evaluation first'],
  WRONG_STAGE: ['当前阶段不能进行此操作', 'Not possible at this stage'],
  VOTING_CLOSED: ['投票已结束', 'Voting has closed'],
  JUDGING_CLOSED: ['评分已结束', 'Judging has closed'],
  PRECONDITION_FAILED: ['前置条件未满足', 'A precondition failed'],
  NOT_PUBLIC_YET: ['候选名单尚未公示', 'The candidate list is not public yet'],
  VALIDATION_FAILED: ['填写有误，请按提示修改', 'Some fields need fixing'],
  UNAUTHORIZED: ['请先登录或验证手机号', 'Sign in or verify your phone first'],
  FORBIDDEN: ['无权进行此操作', 'Not allowed'],
  NOT_FOUND: ['未找到', 'Not found'],
  RATE_LIMITED: ['操作太频繁，请稍后再试', 'Too many requests: try again shortly'],
};

export const errorText = (error: unknown): string => {
  if (!(error instanceof ApiError)) return String(error);
  const meaning = CODES[error.code];
  return `${meaning ? `${t(...meaning)}：` : ''}${error.text} (${error.status} ${error.code})`;
};

export const ErrorBox = ({ error }: { error: unknown }) =>
  error ? (
    <p class="error" role="alert">
      {errorText(error)}
    </p>
  ) : null;

/** Data, or a loading line, or the error. */
export const Loaded = <T,>({ async, children }: { async: Async<T>; children: (data: T) => ComponentChildren }) => {
  if (async.error) return <ErrorBox error={async.error} />;
  if (async.data === undefined) return <p aria-busy="true">{t('加载中…', 'Loading…')}</p>;
  return <>{children(async.data)}</>;
};

export const Page = ({ title, children }: { title: string; children: ComponentChildren }) => {
  const lang = useLang();
  const user = staffUser();
  useEffect(() => {
    document.title = `${title} · ${t('荆门市优质服务评选', 'Jingmen Service Awards')}`;
  }, [title, lang]);
  return (
    <>
      <header class="top">
        <a href="/" class="brand">
          {t('荆门优质服务评选', 'Jingmen Service Awards')}
        </a>
        <nav aria-label={t('账户', 'Account')}>
          {user ? (
            <a href="/staff">{user.name ?? user.username}</a>
          ) : (
            <a href="/signin">{t('工作人员登录', 'Staff sign-in')}</a>
          )}
          <button
            type="button"
            class="link"
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
          >
            {lang === 'zh' ? 'English' : '中文'}
          </button>
        </nav>
      </header>
      <main>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
};
