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
 * README quotes. Exit 1 if a part fails (inexact counts, a counter test failing).
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

/** The lines of an output (trimmed) that match one of the patterns, in order. */
const pick = (output: string, ...patterns: RegExp[]) =>
  output
    .split('\n')
    .map((line) => line.trim())
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
const failed = [
  burst.code !== 0 && 'vote burst',
  counter.code !== 0 && 'counter size',
  recount.code !== 0 && 'recount',
].filter(Boolean);
if (failed.length > 0) {
  console.log(`  FAILED: ${failed.join(', ')}`);
  process.exitCode = 1;
}
