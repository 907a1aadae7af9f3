/**
 * Bundles every Lambda entry (routes, workers, the staff authorizer) with `bundleSettings`, the
 * settings NodejsFunction deploys with (infra/constructs/bundling.ts), and prints each bundle's
 * size and its cold import time under `node --no-experimental-require-module` (how the Lambda
 * runtime loads ESM). With `--compare-sdk`, a second pair of columns makes the other choice for
 * the AWS SDK (external `@aws-sdk/*` when the house bundles it, bundled when it is external), to
 * keep the choice of `externalModules` a measured one. Exits 1 when a bundle fails to build or
 * to load.
 *
 *   node --import tsx bench/bundle-sizes.ts [--compare-sdk]
 *
 * Bundles go to `.tmp/bundles/` inside the project so an external `@aws-sdk/*` resolves from
 * node_modules when imported.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { bundleSettings, esbuildOptions, projectRoot } from '../infra/constructs/bundling';
import { apiFunctions, authorizerFunction, workerFunctions } from '../functions/catalog';

const outDir = join(projectRoot, '.tmp', 'bundles');
const runs = 5;
/** The cold-start floor: middy, the DynamoDB and SQS clients only (bench/floor-handler.ts). */
const FLOOR = 'floor (middy + DynamoDB and SQS clients)';
/** The floor issue 8 names: middy and the SQS client only (bench/floor-sqs-handler.ts). */
const SQS_FLOOR = 'floor (middy + SQS client)';
/** Hot public paths: each a function of its own, each at most 350 KB. */
const HOT = ['CastVotes', 'Voters', 'Candidates', 'Receipts'];
const compareSdk = process.argv.includes('--compare-sdk');
const sdkExternal = bundleSettings.externalModules.includes('@aws-sdk/*');
/** The house settings with the other choice for the AWS SDK. */
const otherSdkSettings = {
  ...bundleSettings,
  externalModules: sdkExternal
    ? bundleSettings.externalModules.filter((m) => m !== '@aws-sdk/*')
    : [...bundleSettings.externalModules, '@aws-sdk/*'],
};

const entries = [
  ...apiFunctions.map((f) => ({ name: f.id, entry: f.entry })),
  ...workerFunctions.map((w) => ({ name: `worker ${w.worker.id}`, entry: w.entry })),
  { name: 'staff authorizer', entry: authorizerFunction.entry },
  { name: FLOOR, entry: 'bench/floor-handler.ts' },
  { name: SQS_FLOOR, entry: 'bench/floor-sqs-handler.ts' },
];

// Prints the import time in ms, or the error that stops the module from loading.
const importScript = `const t = performance.now();
try { await import(process.argv[1]); process.stdout.write(String(performance.now() - t)); }
catch (error) { process.stdout.write('FAILS: ' + String(error?.message ?? error).slice(0, 200)); }`;

// What the Lambda runtime and the API stack provide: handlers read some of it at module load.
const lambdaEnv = {
  PATH: process.env.PATH,
  AWS_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  TABLE_NAME: 'bench-table',
  UPLOADS_BUCKET_NAME: 'bench-uploads',
  VOTES_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/votes',
  VOTES_DLQ_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/votes-dlq',
  VOTER_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:voter',
  STAFF_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench',
  STAFF_AUDIENCE: 'bench',
  STAFF_JWKS_URL: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench/.well-known/jwks.json',
  APP_ENV: 'aws',
  POWERTOOLS_METRICS_DISABLED: 'true',
};

/** Median of `runs` cold imports, each in a fresh node process; the error text if it does not load. */
const importMs = (file: string): string => {
  const results = Array.from({ length: runs }, () =>
    execFileSync(
      process.execPath,
      ['--no-experimental-require-module', '--input-type=module', '-e', importScript, pathToFileURL(file).href],
      {
        cwd: projectRoot,
        env: lambdaEnv,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    ),
  );
  const failure = results.find((r) => r.startsWith('FAILS'));
  if (failure) {
    failed = true;
    return failure;
  }
  return (results.map(Number).sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN).toFixed(0);
};

let failed = false;
const measure = async (options: BuildOptions): Promise<string[]> => {
  try {
    await build({ ...options, logLevel: 'silent' });
  } catch (error) {
    failed = true;
    return ['-', `BUILD FAILS: ${(error as Error).message.split('\n')[1] ?? ''}`];
  }
  const file = options.outfile as string;
  return [(statSync(file).size / 1024).toFixed(1), importMs(file)];
};

rmSync(outDir, { recursive: true, force: true });
const rows: string[][] = [];
for (const [index, { name, entry }] of entries.entries()) {
  const dir = join(outDir, String(index));
  mkdirSync(dir, { recursive: true });
  const row = [name, entry, ...(await measure(esbuildOptions(join(projectRoot, entry), join(dir, 'index.mjs'))))];
  if (compareSdk)
    row.push(
      ...(await measure(
        esbuildOptions(join(projectRoot, entry), join(dir, 'other-sdk', 'index.mjs'), otherSdkSettings),
      )),
    );
  rows.push(row);
}

const header = [
  'bundle',
  'entry',
  'KB',
  'import ms',
  ...(compareSdk ? [`KB (SDK ${sdkExternal ? 'bundled' : 'external'})`, 'import ms'] : []),
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i >= 2 && !c.includes('FAILS') ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log(
  `\nhouse settings: external ${JSON.stringify(bundleSettings.externalModules)}, minified ${bundleSettings.format}, target ${bundleSettings.target}, source map beside; import time is the median of ${runs} cold processes.`,
);
const byName = new Map(rows.map((row) => [row[0]!, row]));
const voteMs = Number(byName.get('CastVotes')?.[3]);
for (const floor of [SQS_FLOOR, FLOOR]) {
  const floorMs = Number(byName.get(floor)?.[3]);
  console.log(
    `vote route cold import ${voteMs} ms / ${floor} ${floorMs} ms = ${(voteMs / floorMs).toFixed(2)} (target <= 1.5)`,
  );
}
for (const name of HOT) {
  const kb = Number(byName.get(name)?.[2]);
  console.log(`${name}: ${kb} KB (target <= 350)`);
}
if (failed) process.exitCode = 1;
