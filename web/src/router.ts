/** A small history router: the pages' paths never collide with the API's (see web/README.md). */
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

export const navigate = (href: string) => {
  history.pushState(null, '', href);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
};

/** Same-origin links to pages are followed without a reload. */
document.addEventListener('click', (event) => {
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
    return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || anchor.target || anchor.hasAttribute('download') || anchor.dataset.native)
    return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', () => {
  for (const listener of listeners) listener();
});

export const useLocation = () => {
  const [location, setLocation] = useState(() => window.location.pathname + window.location.search);
  useEffect(() => {
    const listener = () => setLocation(window.location.pathname + window.location.search);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return location;
};

/** Matches `/c/:cid/vote` against a path; the parameters or undefined. */
export const match = (pattern: string, path: string): Record<string, string> | undefined => {
  const names: string[] = [];
  const source = pattern.replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const found = new RegExp(`^${source}/?$`).exec(path);
  return found ? Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1]!)])) : undefined;
};
