/**
 * Issue 9's figures from one run, one after the other on the same machine:
 *
 *   npm run bench:counting
 *
 * 1. the vote burst and trickle (bench/vote-burst/run.ts, default size): WCU per counted vote at
 *    burst and trickle, RCU per vote request, the vote route against its floor, exactness, dollars
 *    per million votes;
 * 2. a counter after 30,000 runs and voids into one candidate's day (test/votes/counter-size.int.test.ts
 *    at full size, against DynamoDB Local): its largest item and the capacity of one write;
 * 3. the recount of 1,000,000 votes against reading them once (bench/scoring/recount.ts, best of 3).
 *
 * Each part's whole output is printed as it runs; the summary at the end repeats the figures the
 * README quotes and checks them against issue 9's targets. Exit 1 if a part fails (inexact counts, a
 * counter test failing) or a target is missed.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command from the repository root, echoing its output; its output and exit code. */
const run = (command: string, args: string[], env: Record<string, string> = {}) =>
  new Promise<{ output: string; code: number }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env } });
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => resolve({ output, code: code ?? 1 }));
  });

/** The lines of an output (trimmed, colours removed) that match one of the patterns, in order. */
const pick = (output: string, ...patterns: RegExp[]) =>
  output
    .split('\n')
    .map((line) => line.replace(/\x1b\[[0-9;]*m/g, '').trim())
    .filter((line) => patterns.some((p) => p.test(line)));

const started = new Date();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(`bench:counting started ${started.toISOString()}, load average ${load()}\n`);

console.log('== 1. vote burst and trickle ==');
const burst = await run(process.execPath, ['--import', 'tsx', 'bench/vote-burst/run.ts']);
console.log('\n== 2. a counter after 30,000 runs ==');
const counter = await run('npx', ['vitest', 'run', '--project', 'integration', 'test/votes/counter-size.int.test.ts'], {
  COUNTER_RUNS: '30000',
});
console.log('\n== 3. recount of 1,000,000 votes ==');
const recount = await run(process.execPath, ['--import', 'tsx', 'bench/scoring/recount.ts', '1000000', '3']);

console.log(`\n== summary (${started.toISOString()} to ${new Date().toISOString()}, load average now ${load()}) ==`);
for (const line of [
  ...pick(burst.output, /^vote path /, /^floor /, /^ratio /, /^exact /, /^(burst|trickle|codes) /, /^cost /),
  ...pick(counter.output, /^counter after /),
  ...pick(recount.output, /^floor \(read/, /^recount \+ roots/, /^ratio recount/),
])
  console.log(`  ${line}`);
/** A figure out of the outputs, by a pattern whose first group is the number. */
const figure = (output: string, pattern: RegExp): number | undefined => {
  const match = pattern.exec(output);
  return match ? Number(match[1]) : undefined;
};
const targets: Array<[string, number | undefined, (n: number) => boolean]> = [
  ['burst WCU per counted vote <= 1.2', figure(burst.output, /burst +([\d.]+) WCU per counted vote/), (n) => n <= 1.2],
  [
    'trickle WCU per counted vote <= 2.5',
    figure(burst.output, /trickle +([\d.]+) WCU per counted vote/),
    (n) => n <= 2.5,
  ],
  [
    'vote-path RCU per request at trickle <= 0.5',
    figure(burst.output, /trickle +[\d.]+ WCU per counted vote[^;]*; ([\d.]+) RCU per request on the vote path/),
    (n) => n <= 0.5,
  ],
  ['vote route / floor >= 0.8', figure(burst.output, /^ratio +([\d.]+) of the floor/m), (n) => n >= 0.8],
  ['counter write cost after 30,000 runs = 1 WCU', figure(counter.output, /-([\d.]+) WCU per write/), (n) => n === 1],
  ['recount / floor <= 2', figure(recount.output, /ratio recount \/ floor: ([\d.]+)/), (n) => n <= 2],
];
console.log('  targets:');
for (const [name, value, met] of targets)
  console.log(`    ${value === undefined ? 'MISSING' : met(value) ? 'met    ' : 'MISSED '} ${name}: ${value ?? '?'}`);
const failed = [
  ...targets.filter(([, value, met]) => value === undefined || !met(value)).map(([name]) => name),
  burst.code !== 0 && 'vote burst',
  counter.code !== 0 && 'counter size',
  recount.code !== 0 && 'recount',
].filter(Boolean);
if (failed.length > 0) {
  console.log(`  FAILED: ${failed.join(', ')}`);
  process.exitCode = 1;
}
