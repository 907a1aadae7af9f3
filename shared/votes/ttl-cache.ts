/**
 * A small in-memory cache for the vote path: campaign and candidate list are read at most once every few seconds per
 * instance.
 */
/** Remembers a value for `ttlMs` per key, sharing one load among concurrent callers. */
export const createTtlCache = <T>(load: (key: string) => Promise<T>, ttlMs: number, now: () => number = Date.now) => {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (key: string): Promise<T> => {
    const entry = entries.get(key);
    if (entry && now() - entry.at < ttlMs) return entry.value;
    const value = load(key);
    entries.set(key, { at: now(), value });
    value.catch(() => entries.delete(key));
    return value;
  };
};
