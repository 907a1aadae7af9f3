/**
 * The one definition of how a Lambda entry is bundled: `bundleSettings`, in NodejsFunction's own
 * terms. `nodejsBundling` hands them to NodejsFunction (app-function.ts), which runs the project's
 * esbuild on its command line; `esbuildOptions` turns the same settings into the equivalent esbuild
 * API options for `bench/bundle-sizes.ts`, so the bench measures what gets deployed
 * (test/infra/constructs/bundling.test.ts checks that the two produce the same bytes).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogLevel, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** The repository root: entries in `infra/routes.ts` are relative to it. */
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The lock file NodejsFunction is given (it also picks `npx --no-install esbuild` to run esbuild). */
export const depsLockFilePath = join(projectRoot, 'package-lock.json');

/** The settings that shape a bundle. */
export type BundleSettings = Required<
  Pick<
    BundlingOptions,
    'format' | 'target' | 'minify' | 'sourceMap' | 'sourcesContent' | 'externalModules' | 'mainFields' | 'banner'
  >
> & {
  /** esbuild `--alias`: a package replaced by a module of the project (path relative to the root). */
  alias: Record<string, string>;
  /** esbuild `--charset` (NodejsFunction's own `charset` is not handed to esbuild by this CDK version). */
  charset: 'utf8' | 'ascii';
};

/** The house bundle: ESM `index.mjs` (handler `index.handler`) for nodejs22.x, minified, source map beside it. */
export const bundleSettings: BundleSettings = {
  format: OutputFormat.ESM,
  // Lambda runtime nodejs22.x.
  target: 'node22',
  minify: true,
  // Source maps without the sources keep the asset small; stack traces still map to file:line.
  sourceMap: true,
  sourcesContent: false,
  // The AWS SDK is bundled, not left to the runtime's copy: `bench/bundle-sizes.ts --compare-sdk`
  // measured cold imports 2-3x faster bundled (medians ~250 ms vs ~600-700 ms over 55 entries)
  // for 480-705 KB bundles instead of 136-189 KB; and it deploys the SDK version the tests ran.
  // The cost is synth time: esbuild takes ~1 s more per function.
  externalModules: [],
  // Prefer the ESM build of dependencies (better tree shaking).
  mainFields: ['module', 'main'],
  // ESM output cannot `require`; CommonJS dependencies that require node builtins still do.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  // Credentials come from the environment in Lambda: the rest of the default chain is dead weight.
  alias: { '@aws-sdk/credential-provider-node': './functions/runtime/lambda-credentials.ts' },
  // The messages people read are Chinese: a character takes 3 bytes as UTF-8, 6 escaped (`\uXXXX`, esbuild's
  // default), and the hot bundles are near their budget.
  charset: 'utf8',
};

/** The SMS provider a deployment sends one-time codes with (context `smsProvider`, default `sns`). */
export type SmsProvider = 'sns' | 'aliyun';

export const smsProviderOf = (value: unknown = 'sns'): SmsProvider => {
  if (value === 'sns' || value === 'aliyun') return value;
  throw new Error(`Context smsProvider must be sns or aliyun, not ${String(value)}`);
};

/**
 * The house settings for a deployment's SMS provider: with Alibaba Cloud, the `sms` adapter's
 * `#sms-provider` module is the Alibaba one (functions/runtime/adapters.ts), so the bundles of
 * every other deployment carry none of its SDK.
 */
export const bundleSettingsFor = (smsProvider: SmsProvider): BundleSettings =>
  smsProvider === 'aliyun'
    ? { ...bundleSettings, alias: { ...bundleSettings.alias, '#sms-provider': './functions/runtime/sms-aliyun.ts' } }
    : bundleSettings;

/**
 * Fails unless the esbuild NodejsFunction will find (resolved from aws-cdk-lib, as its
 * `Bundling.esbuildInstallation` detection does) is the project's pinned one: without it,
 * NodejsFunction silently switches to Docker bundling, and there is no Docker.
 */
const requireProjectEsbuild = (): void => {
  const projectRequire = createRequire(join(projectRoot, 'package.json'));
  const pinned = (projectRequire('./package.json') as { devDependencies: Record<string, string> }).devDependencies
    .esbuild;
  const cdkRequire = createRequire(projectRequire.resolve('aws-cdk-lib/aws-lambda-nodejs'));
  let found: string | undefined;
  try {
    found = (cdkRequire('esbuild/package.json') as { version: string }).version;
  } catch {
    // Not installed: reported below.
  }
  if (found !== pinned) {
    throw new Error(
      `Lambda bundling needs the project's esbuild ${pinned} in node_modules, found ${found ?? 'none'}: run \`npm ci\`. ` +
        'Without it NodejsFunction would fall back to Docker bundling, which this project does not use.',
    );
  }
};

/** NodejsFunction `bundling` props: the house settings, built locally by the project's esbuild, never in Docker. */
export const nodejsBundling = (bundle: BundleSettings = bundleSettings): BundlingOptions => {
  requireProjectEsbuild();
  const { alias, charset, ...settings } = bundle;
  return {
    ...settings,
    esbuildArgs: {
      ...Object.fromEntries(Object.entries(alias).map(([from, to]) => [`--alias:${from}`, to])),
      '--charset': charset,
    },
    logLevel: LogLevel.WARNING,
    forceDockerBundling: false,
  };
};

/**
 * esbuild API options equal to the command line NodejsFunction's local bundling runs with these
 * settings (`esbuild --bundle <entry> --target --platform=node --format --outfile ...`, from the
 * project root).
 */
export const esbuildOptions = (
  entry: string,
  outfile: string,
  settings: BundleSettings = bundleSettings,
): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  absWorkingDir: projectRoot,
  bundle: true,
  platform: 'node',
  format: settings.format === OutputFormat.ESM ? 'esm' : 'cjs',
  target: settings.target,
  minify: settings.minify,
  sourcemap: settings.sourceMap,
  sourcesContent: settings.sourcesContent,
  external: settings.externalModules,
  mainFields: settings.mainFields,
  banner: { js: settings.banner },
  alias: settings.alias,
  charset: settings.charset,
});
