/**
 * Recomputes a published result from its files alone and says whether every figure matches.
 *
 *   npm run verify-tally -- results.json [votes.jsonl]
 *
 * The votes list defaults to the file the results name (`tally.votesFile.name`), beside them.
 * Both files are served by GET /campaigns/{cid}/results/files. Exit code 0: all match; 1: some
 * figure does not (each is named); 2: the files could not be read.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { verifyTally } from '../shared/results/verify';

const [resultsPath, votesArg] = process.argv.slice(2).filter((a) => a !== '--');
if (!resultsPath || !existsSync(resultsPath)) {
  console.error('Usage: npm run verify-tally -- RESULTS_JSON [VOTES_JSONL]');
  process.exit(2);
}
const resultsText = readFileSync(resultsPath, 'utf8');
let votesPath = votesArg;
if (!votesPath) {
  try {
    votesPath = join(dirname(resultsPath), (JSON.parse(resultsText) as { tally: { votesFile: { name: string } } }).tally.votesFile.name);
  } catch {
    console.error('The results file names no votes list; pass it as the second argument');
    process.exit(2);
  }
}
if (!existsSync(votesPath)) {
  console.error(`No votes list at ${votesPath}`);
  process.exit(2);
}

const report = await verifyTally(resultsText, createReadStream(votesPath));
for (const line of report.checked) console.log(`checked: ${line}`);
if (report.ok) {
  console.log('MATCH: every published figure was recomputed from the files and matches.');
} else {
  console.log(`MISMATCH: ${report.mismatches.length} figure(s) do not match:`);
  for (const line of report.mismatches) console.log(`  - ${line}`);
}
process.exit(report.ok ? 0 : 1);
