/**
 * Public reads (the campaign, its candidates, the tally, the results) are the same for every anonymous
 * caller: at a voting peak the CDN in front of the API (infra/constructs/public-cache.ts) and browsers
 * keep them this long, so Lambda sees one request per edge and URL per period. A caller with a token
 * may see more (staff) and is never cached; `Vary: Authorization` keeps a browser from reusing an
 * anonymous answer for a signed-in request.
 */
import type { HttpEvent } from './with-http';

export const PUBLIC_CACHE_SECONDS = { ttl: 15, max: 60 } as const;

/** The headers of an anonymous public read; none for a caller who sent a token. */
export const publicCacheHeaders = (event: Pick<HttpEvent, 'headers'>): Record<string, string> => {
  const signedIn = Object.keys(event.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
  return signedIn ? {} : { 'cache-control': `public, max-age=${PUBLIC_CACHE_SECONDS.ttl}`, vary: 'Authorization' };
};
