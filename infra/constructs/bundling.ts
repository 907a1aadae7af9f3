/**
 * The one definition of how a Lambda entry is bundled: `esbuildOptions`. The CDK construct
 * (`bundledCode`) and `bench/bundle-sizes.ts` both build with it, so the bench measures exactly
 * what gets deployed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync, type BuildOptions } from 'esbuild';

/** The repository root: entries in `infra/routes.ts` are relative to it. */
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** esbuild options for one entry: an ESM bundle `index.mjs` (handler `index.handler`) with its source map. */
export const esbuildOptions = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Lambda runtime nodejs22.x.
  target: 'node22',
  minify: true,
  // Source maps without the sources keep the asset small; stack traces still map to file:line.
  sourcemap: true,
  sourcesContent: false,
  // The Lambda Node.js runtime ships AWS SDK v3 (measured against bundling it: bench/bundle-sizes.ts).
  external: ['@aws-sdk/*'],
  // Prefer the ESM build of dependencies (better tree shaking).
  mainFields: ['module', 'main'],
  // ESM output cannot `require`; CommonJS dependencies that require node builtins still do.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});

/**
 * Lambda code for one entry, bundled in-process by the project's esbuild with `esbuildOptions`.
 * Local bundling either succeeds or throws, so Docker is never tried (NodejsFunction silently
 * falls back to Docker when it cannot find esbuild, and runs it through `npx`, ~0.75 s per function).
 */
export const bundledCode = (entry: string): lambda.Code => {
  // Checked even when bundling is skipped (tests), so a wrong entry in infra/routes.ts fails fast.
  if (!existsSync(join(projectRoot, entry))) throw new Error(`Lambda entry ${entry} does not exist`);
  return lambda.Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('unused-local-bundling-only'),
      // Not run; it makes the entry part of the asset cache key, which ignores the local bundler.
      command: ['esbuild', entry],
      local: {
        tryBundle: (outputDir) => {
          buildSync({ ...esbuildOptions(join(projectRoot, entry), join(outputDir, 'index.mjs')), logLevel: 'warning' });
          return true;
        },
      },
    },
  });
};
