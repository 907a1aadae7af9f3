/**
 * The one definition of how a Lambda entry is bundled. The CDK construct (NodejsFunction) and
 * `bench/bundle-sizes.ts` (esbuild's own API) both derive their options from `bundleSettings`,
 * so the bench measures exactly what gets deployed.
 */
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** The repository root: entries in `infra/routes.ts` are relative to it. */
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** ESM output cannot `require`; CommonJS dependencies that require node builtins still do. */
const esmBanner = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export const bundleSettings = {
  /** Lambda runtime nodejs22.x. */
  target: 'node22',
  minify: true,
  sourceMap: true,
  /** Source maps without the sources keep the asset small; stack traces still map to file:line. */
  sourcesContent: false,
  /** The Lambda Node.js runtime ships AWS SDK v3 (measured against bundling in bench/bundle-sizes.ts). */
  externalModules: ['@aws-sdk/*'],
  /** Prefer the ESM build of dependencies (better tree shaking). */
  mainFields: ['module', 'main'],
  banner: esmBanner,
} as const;

/** NodejsFunction bundling options from the shared settings: ESM `index.mjs`, bundled by the project's esbuild. */
export const lambdaBundling = (): BundlingOptions => ({
  format: OutputFormat.ESM,
  target: bundleSettings.target,
  minify: bundleSettings.minify,
  sourceMap: bundleSettings.sourceMap,
  sourcesContent: bundleSettings.sourcesContent,
  externalModules: [...bundleSettings.externalModules],
  mainFields: [...bundleSettings.mainFields],
  banner: bundleSettings.banner,
});

/** The same options for esbuild's JS API, as NodejsFunction passes them to the esbuild CLI. */
export const esbuildOptions = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: bundleSettings.target,
  minify: bundleSettings.minify,
  sourcemap: bundleSettings.sourceMap,
  sourcesContent: bundleSettings.sourcesContent,
  external: [...bundleSettings.externalModules],
  mainFields: [...bundleSettings.mainFields],
  banner: { js: bundleSettings.banner },
});
