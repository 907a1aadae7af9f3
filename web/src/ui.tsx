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

export const errorText = (error: unknown): string =>
  error instanceof ApiError ? `${error.message} (${error.status} ${error.code})` : String(error);

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
