/**
 * `npm start`: the whole system on this machine.
 *
 *   npm start [-- --reset] [-- --data-dir DIR]
 *
 * `$PORT` sets the gateway port (default 3000, 0 = any free port); the stand-ins take free ports.
 * `LOCAL_TICK_SECONDS` sets the schedule tick (default 5), `LOCAL_SQS_POLLERS` the concurrent
 * queue pollers (default 2, at most the consumer's maximum concurrency, `votesQueue.maxConcurrency`). When ready it
 * prints one line `READY {json}` for scripts and tests,
 * without secrets; the full environment is in `<data dir>/running.json` (mode 0600) while it runs.
 * Ctrl-C, SIGTERM or the parent process going away stops everything, DynamoDB Local's Java
 * process included, and says so. The web pages (web/) are built first when missing or stale.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { JavaMissingError } from './stand-ins';
import { RUNNING_FILE } from './environment';
import { announceReady } from './running';
import { DataDirError, startLocalSystem } from './system';
import { buildPagesIfStale } from './web-pages';

const positiveNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, got ${raw}`);
  return value;
};

const main = async (): Promise<void> => {
  // Before the first SDK client: the environment below sets it for the handlers too.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values } = parseArgs({
    options: { reset: { type: 'boolean', default: false }, 'data-dir': { type: 'string', default: '.local-data' } },
  });
  const started = Date.now();
  await buildPagesIfStale();
  const system = await startLocalSystem({
    dataDir: values['data-dir'],
    reset: values.reset,
    port: positiveNumber('PORT', 3000),
    tickSeconds: positiveNumber('LOCAL_TICK_SECONDS', 5) || 5,
    pollers: positiveNumber('LOCAL_SQS_POLLERS', 2) || 2,
  });

  let stopping = false;
  const shutdown = (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`${reason}: stopping the local system...`);
    rmSync(join(system.dataDir, RUNNING_FILE), { force: true });
    system.stop().then(
      () => {
        console.log('Stopped (DynamoDB Local, s3rver, SQS, gateway).');
        process.exit(exitCode);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
  // A stray rejection in one handler must not take the whole system down (nor orphan Java).
  process.on('unhandledRejection', (error) => console.error('Unhandled rejection:', error));
  process.on('uncaughtException', (error) => {
    console.error('Uncaught exception:', error);
    shutdown('uncaught exception', 1);
  });
  // Orphaned (the parent, e.g. a killed test run, is gone): stop rather than run on unseen.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && shutdown('parent process gone'), 1000).unref();

  const { url } = system;
  // Scripts (e.g. `npm run redrive-dlq`) and tests find the running system in running.json; removed on stop.
  announceReady({ url, endpoints: system.endpoints, dataDir: system.dataDir, env: system.env });
  // The banner last, so it is what a newcomer sees; request and SMS log lines follow it.
  console.log(
    [
      `Open ${url}/   the pages: campaign, candidates, voting, results; staff sign in at ${url}/signin`,
      `Local system up in ${Date.now() - started} ms${values.reset ? ' (data wiped first)' : ''}`,
      `  API        ${url}   (try: curl -s ${url}/health)`,
      `  users      curl -s ${url}/local/users`,
      `  sign in    curl -s -X POST ${url}/local/login -d '{"username":"admin"}'   then send Authorization: Bearer <token>`,
      `  SMS codes  printed below as they are sent, or: curl -s '${url}/local/outbox?phone=13800000000'`,
      `  DynamoDB   ${system.endpoints.dynamodb}   (DynamoDB Local, table ${system.env.TABLE_NAME})`,
      `  S3         ${system.endpoints.s3}   (s3rver, bucket ${system.env.UPLOADS_BUCKET_NAME})`,
      `  SQS        ${system.endpoints.sqs}   (local-aws-sqs, in memory: queued messages do not survive a restart)`,
      `  data dir   ${system.dataDir}`,
      `  SDK/CLI    AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=${system.env.AWS_REGION} and AWS_ENDPOINT_URL_<SERVICE> as above`,
      'Press Ctrl-C to stop everything.',
    ].join('\n'),
  );
};

main().catch((error: unknown) => {
  console.error(error instanceof JavaMissingError || error instanceof DataDirError ? error.message : error);
  process.exit(1);
});
