/**
 * The web pages (web/, built by Vite to web/dist) for the local gateway: built by `npm start` when
 * missing or older than their sources, then served beside the API on the same origin. API paths
 * keep priority (the gateway matches them first); a browser's GET of any other path that is not a
 * file gets index.html, so the pages' own routes work on reload.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { APIGatewayProxyResult } from 'aws-lambda';

export const WEB_ROOT = resolve(import.meta.dirname, '../../web');
export const WEB_DIST = join(WEB_ROOT, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const newestIn = (path: string): number => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestIn(join(path, name))));
};

/** True when web/dist is missing or older than any source of the pages. */
export const pagesStale = (root = WEB_ROOT): boolean => {
  const built = join(root, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((name) => join(root, name)).filter(existsSync);
  return Math.max(...sources.map(newestIn)) > statSync(built).mtimeMs;
};

/** Builds the pages with Vite when stale; returns whether it built. */
export const buildPagesIfStale = async (log: (line: string) => void = console.log): Promise<boolean> => {
  if (!pagesStale()) return false;
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  log(`Built the web pages in ${Date.now() - started} ms (web/dist)`);
  return true;
};

const file = (path: string, cache: string): APIGatewayProxyResult => ({
  statusCode: 200,
  headers: {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
  },
  body: readFileSync(path).toString('base64'),
  isBase64Encoded: true,
});

/**
 * A built file for `path`, or index.html for a page route (a GET that accepts HTML); undefined
 * otherwise, so scripts still get the API's JSON 404.
 */
export const servePage = (
  path: string,
  accept: string | undefined,
  dist = WEB_DIST,
): APIGatewayProxyResult | undefined => {
  const target = normalize(join(dist, decodeURIComponent(path)));
  if (!target.startsWith(dist + sep) && target !== dist) return undefined;
  if (existsSync(target) && statSync(target).isFile())
    // Vite names assets by content hash: cache them for good; everything else revalidates.
    return file(target, path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  const index = join(dist, 'index.html');
  if ((accept ?? '').includes('text/html') && existsSync(index)) return file(index, 'no-cache');
  return undefined;
};
