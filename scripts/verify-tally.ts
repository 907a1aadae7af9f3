/**
 * Recomputes a published result from its files alone and says whether every figure matches, then
 * applies the published overrides, checks them, and lists the final awards.
 *
 * Save the files GET /campaigns/{cid}/results/files links to, then run from a clone of this
 * repository with their paths:
 *
 *   npm run verify-tally -- ~/Downloads/results.json ~/Downloads/votes.jsonl ~/Downloads/overrides.json
 *
 * Relative paths are taken from the folder npm was run in (npm's INIT_CWD; npm itself runs the
 * script from the repository). The votes list defaults to the file the results name
 * (`tally.votesFile.name`) and the overrides to overrides.json, both beside results.json; without
 * an overrides list the awards listed are the ranking's. Exit code 0: all match; 1: some figure
 * does not, or the overrides are inconsistent (each is named); 2: a file is missing or unreadable.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { verifyTally } from '../shared/results/verify';

const USAGE = 'Usage (from the repository): npm run verify-tally -- RESULTS_JSON [VOTES_JSONL [OVERRIDES_JSON]]';
const base = process.env.INIT_CWD ?? process.cwd();

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};
/** The absolute path of an argument, which must name an existing file. */
const existing = (arg: string): string => {
  const path = resolve(base, arg);
  if (!existsSync(path))
    fail(`verify-tally: no file at ${path}${arg === path ? '' : ` (relative paths are taken from ${base})`}`);
  return path;
};

const [resultsArg, votesArg, overridesArg] = process.argv.slice(2).filter((a) => a !== '--');
if (!resultsArg) fail(USAGE);
const resultsPath = existing(resultsArg!);
const resultsText = readFileSync(resultsPath, 'utf8');
let votesName: string | undefined;
try {
  votesName = (JSON.parse(resultsText) as { tally?: { votesFile?: { name?: string } } }).tally?.votesFile?.name;
} catch {
  // Not JSON: verifyTally names it below.
}
const votesPath = votesArg
  ? existing(votesArg)
  : votesName
    ? existing(join(dirname(resultsPath), votesName))
    : fail('The results file names no votes list; pass it as the second argument');
const besideOverrides = join(dirname(resultsPath), 'overrides.json');
const overridesPath = overridesArg ? existing(overridesArg) : existsSync(besideOverrides) ? besideOverrides : undefined;

const report = await verifyTally(
  resultsText,
  createReadStream(votesPath),
  overridesPath && readFileSync(overridesPath, 'utf8'),
);
for (const line of report.checked) console.log(`checked: ${line}`);
if (report.ok) {
  console.log('MATCH: every published figure was recomputed from the files and matches.');
} else {
  console.log(`MISMATCH: ${report.mismatches.length} figure(s) do not match:`);
  for (const line of report.mismatches) console.log(`  - ${line}`);
}
console.log(
  overridesPath
    ? `Final awards (the ranking's, adjusted by ${overridesPath}):`
    : 'Awards by ranking (no overrides.json beside the results, none given):',
);
for (const a of report.awards) {
  const change = a.disqualifiedSince
    ? ' (awarded by ranking; disqualified since)'
    : a.override && a.awarded !== a.awardedByRanking
      ? ` (${a.awarded ? 'added' : 'withdrawn'} by override: ${a.override.reason}; ${a.override.by}, ${a.override.at})`
      : '';
  console.log(
    `  ${a.awarded ? 'awarded    ' : 'not awarded'}  ${a.category}  ${a.district}  ${a.nominationId}  ${a.name}${change}`,
  );
}
process.exit(report.ok ? 0 : 1);
