/**
 * The backup drill: restores the table into a new table and proves the copy against what was
 * published. It passes (exit 0) when the published files verify (`verify-tally`) and the recount
 * from the restored table's vote ledger equals the published tally, figure by figure.
 *
 *   npm run restore-drill -- --campaign CID [--at ISO_TIME] [--to TABLE] [--restored TABLE] [--drop]
 *
 * On AWS (credentials, AWS_REGION, TABLE_NAME and UPLOADS_BUCKET_NAME from the stack outputs) the
 * table is restored with point-in-time recovery to `--at` (default: the latest restorable time)
 * as `--to` (default `<table>-drill-<time>`). Against the local system (`npm start`; read from
 * `--data-dir`, default .local-data) DynamoDB Local has no point-in-time recovery: the table is
 * copied by scan into the new table instead, and the drill says so. `--restored TABLE` skips the
 * restore and checks a table restored before; `--drop` deletes the restored table after a pass.
 * Exit 1: some figure does not match (each is named); 2: the drill could not run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RUNNING_FILE } from '../infra/local/environment';
import { ensureTable } from '../infra/local/resources';
import { copyTableByScan, restoreToPointInTime, tallyMismatches } from '../shared/backup/restore';
import { resultsDocumentSchema } from '../shared/results/document';
import { createResultFiles } from '../shared/results/result-files';
import { createResultsRepository } from '../shared/results/results-repository';
import { verifyTally } from '../shared/results/verify';
import { recountVotes } from '../shared/scoring/recount';
import { createVoteRecords } from '../shared/votes/vote-records';
import { createVoteRepository } from '../shared/votes/vote-repository';

const { values } = parseArgs({
  options: {
    campaign: { type: 'string' },
    at: { type: 'string' },
    to: { type: 'string' },
    restored: { type: 'string' },
    drop: { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: '.local-data' },
  },
});

const fail = (message: string): never => {
  console.error(`restore-drill: ${message}`);
  process.exit(2);
};

if (!process.env.TABLE_NAME) {
  const file = join(values['data-dir'], RUNNING_FILE);
  if (!existsSync(file))
    fail('set TABLE_NAME and UPLOADS_BUCKET_NAME (AWS), or start the local system (npm start) and give its --data-dir');
  Object.assign(process.env, (JSON.parse(readFileSync(file, 'utf8')) as { env: Record<string, string> }).env);
}
const cid = values.campaign ?? fail('give --campaign CID');
const source = process.env.TABLE_NAME!;
const bucket = process.env.UPLOADS_BUCKET_NAME ?? fail('set UPLOADS_BUCKET_NAME');
const local = Boolean(process.env.AWS_ENDPOINT_URL_DYNAMODB);
const at = values.at ? new Date(values.at) : undefined;
if (at && Number.isNaN(at.getTime())) fail(`--at ${values.at} is not a time`);

const client = new DynamoDBClient({});
const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

let target = values.restored;
if (!target) {
  target = values.to ?? `${source}-drill-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const started = Date.now();
  if (local) {
    console.log(
      `DynamoDB Local has no point-in-time recovery: copying ${source} by scan into ${target} as the stand-in for a restore${at ? ' (--at is ignored locally)' : ''}.`,
    );
    await ensureTable(client, target);
    const items = await copyTableByScan(documents, { source, target });
    console.log(`Copied ${items} items in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } else {
    console.log(`Restoring ${source} to ${at?.toISOString() ?? 'the latest restorable time'} as ${target} ...`);
    await restoreToPointInTime(client, { source, target, at });
    console.log(`Restored in ${((Date.now() - started) / 60_000).toFixed(1)} min.`);
  }
}

const snapshot =
  (await createResultsRepository({ tableName: target, client: documents }).latest(cid)) ??
  fail(`the restored table ${target} holds no published results of campaign ${cid}`);
const files = createResultFiles({ bucket });
const resultsText =
  (await files.get(snapshot.files.results))?.toString('utf8') ?? fail(`no ${snapshot.files.results} in ${bucket}`);
const overridesText = (await files.get(snapshot.files.overrides))?.toString('utf8');
const verified = await verifyTally(resultsText, await files.stream(snapshot.files.votes), overridesText);
console.log(
  `Published files of version ${snapshot.version} (${snapshot.files.results}): ${verified.ok ? 'verify-tally MATCH' : 'verify-tally MISMATCH'}`,
);
for (const line of verified.mismatches) console.log(`  - ${line}`);

const votes = createVoteRecords({
  votes: createVoteRepository({ tableName: target, client: documents }),
  isOwnRequestId: () => true,
});
const recount = await recountVotes(votes.counted(cid));
const mismatches = tallyMismatches(resultsDocumentSchema.parse(JSON.parse(resultsText)), recount);
console.log(`Recount from ${target}: ${recount.total} counted votes, root ${recount.root}`);
for (const line of mismatches) console.log(`  - ${line}`);

const ok = verified.ok && mismatches.length === 0;
console.log(
  ok
    ? `PASS: the restored table reproduces the published tally of ${cid} (version ${snapshot.version}).`
    : 'FAIL: the restored table does not reproduce the published tally.',
);
if (ok && values.drop) {
  await client.send(new DeleteTableCommand({ TableName: target }));
  console.log(`Dropped ${target}.`);
}
process.exit(ok ? 0 : 1);
