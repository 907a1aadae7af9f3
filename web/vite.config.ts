/**
 * The pages: built to web/dist, served by the local gateway beside the API (same origin) and, on
 * AWS, from S3 behind CloudFront. `npm run dev` serves them with hot reload, proxying the API to
 * the local system (`npm start`, port $API_PORT or 3000).
 */
import { defineConfig } from 'vite';

const api = `http://127.0.0.1:${process.env.API_PORT ?? '3000'}`;
const apiPaths = ['/campaigns', '/nominations', '/objections', '/receipts', '/voter', '/local', '/health'];

export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: { proxy: Object.fromEntries(apiPaths.map((p) => [p, api])) },
});
