/**
 * The whole system on one machine: stand-ins, resources, the staff issuer, the gateway and the
 * workers, in one process with one environment. `start.ts` is the CLI around it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { S3EventRecord } from 'aws-lambda';
import { localOverrides } from './adapters';
import type { AnyHandler } from './invoke';
import {
  applyEnvironment,
  LOCAL_CREDENTIAL,
  LOCAL_REGION,
  localEnvironment,
  localIssuer,
  localResourceNames,
  STAFF_AUDIENCE_LOCAL,
  type LocalEndpoints,
} from './environment';
import { type GatewayFunction, startGateway } from './gateway';
import { createLocalIssuer } from './issuer';
import { createLocalOutbox } from './outbox';
import { ensureResources } from './resources';
import { seed } from './seed';
import { freePort, startStandIns } from './stand-ins';
import { createLocalUserStore } from './user-store';
import { startWorkers } from './workers';
import { WEB_DIST } from './web-pages';

const MARKER = 'local-data.json';

export interface LocalSystemOptions {
  dataDir: string;
  /** Wipe the data dir first. */
  reset?: boolean;
  /** Gateway port; 0 picks a free one. */
  port: number;
  tickSeconds: number;
  pollers: number;
  /** Functions served beside the production ones (benchmarks only, e.g. bench/vote-burst). */
  extraFunctions?: GatewayFunction[];
}

export interface LocalSystem {
  url: string;
  endpoints: LocalEndpoints;
  dataDir: string;
  /** The environment the handlers run with; tests apply the same. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** A data dir the runner refuses to use; the CLI prints its message as is. */
export class DataDirError extends Error {}

/**
 * Makes the data dir, wiping it first on reset. Only a dir this runner made (it holds the marker
 * file) or an empty one is wiped, so a mistyped `--data-dir` cannot delete someone's files.
 */
export const prepareDataDir = (dir: string, reset: boolean): string => {
  const path = resolve(dir);
  const ours = existsSync(join(path, MARKER));
  const empty = !existsSync(path) || readdirSync(path).length === 0;
  if (!ours && !empty)
    throw new DataDirError(`${path} is not empty and was not made by the local runner; choose another --data-dir`);
  if (reset && ours) rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, MARKER), JSON.stringify({ createdBy: 'infra/local/start.ts' }));
  return path;
};

/** The local voter secret: made on first start and kept in the data dir, so voter ids and tokens survive a restart. */
const localVoterSecret = (dataDir: string): string => {
  const file = join(dataDir, 'voter-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
};

/** Starts everything; on failure stops what had started and rethrows. */
export const startLocalSystem = async (options: LocalSystemOptions): Promise<LocalSystem> => {
  const dataDir = prepareDataDir(options.dataDir, options.reset ?? false);
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
    cleanups.length = 0;
  };
  try {
    const standIns = await startStandIns(dataDir);
    cleanups.push(() => standIns.stop());

    const clientConfig = {
      region: LOCAL_REGION,
      credentials: { accessKeyId: LOCAL_CREDENTIAL, secretAccessKey: LOCAL_CREDENTIAL },
    };
    const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: standIns.endpoints.dynamodb });
    const s3 = new S3Client({
      ...clientConfig,
      endpoint: standIns.endpoints.s3,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const sqs = new SQSClient({ ...clientConfig, endpoint: standIns.endpoints.sqs });
    cleanups.push(async () => sqs.destroy());
    const queueUrls = await ensureResources({ dynamodb, s3, sqs });
    dynamodb.destroy();
    s3.destroy();

    // The port is fixed before anything else: tokens and the environment carry the gateway URL.
    const port = options.port || (await freePort());
    const gatewayUrl = `http://127.0.0.1:${port}`;
    const outboxDir = join(dataDir, 'outbox');
    const env = localEnvironment({
      gatewayUrl,
      endpoints: standIns.endpoints,
      ...queueUrls,
      outboxDir,
      voterSecret: localVoterSecret(dataDir),
    });
    applyEnvironment(env);
    await seed();

    const issuer = await createLocalIssuer({
      keyFile: join(dataDir, 'issuer', 'private-key.jwk.json'),
      issuer: localIssuer(gatewayUrl),
      audience: STAFF_AUDIENCE_LOCAL,
    });
    // The same functions as deployed (functions/catalog.ts), with the local adapters for SMS and the voter
    // secret. Loaded once the environment is set, as Lambda does: Powertools reads it when a module loads.
    const { apiFunctions, authorizerFunction, workerFunctions } = await import('../../functions/catalog');
    const { serveFunction } = await import('../../functions/runtime/function');
    const { serveRoutes } = await import('../../functions/runtime/http');
    const users = createLocalUserStore(join(dataDir, 'issuer', 'users.json'));
    const overrides = localOverrides({ outboxDir, voterSecret: env.VOTER_SECRET!, users });
    const gateway = await startGateway({
      functions: [
        ...apiFunctions.map((f) => ({ name: f.id, routes: f.routes, handler: serveRoutes(f.routes, { overrides }) })),
        ...(options.extraFunctions ?? []),
      ],
      authorizer: serveFunction(authorizerFunction.fn, { overrides }),
      port,
      local: { users, outbox: createLocalOutbox(outboxDir), issuer },
      pagesDir: WEB_DIST,
    });
    cleanups.push(() => gateway.close());

    const workers = workerFunctions.map(({ worker }) => ({
      ...worker,
      handler: serveFunction(worker, { overrides }) as AnyHandler,
    }));
    const running = await startWorkers(workers, {
      sqs,
      queueUrls: { votes: queueUrls.votesQueueUrl, votesDlq: queueUrls.votesDlqUrl },
      bucketNames: { uploads: localResourceNames.uploadsBucket },
      onS3Event: (listener) => standIns.s3.on('event', (event) => listener(event as { Records: S3EventRecord[] })),
      tickSeconds: options.tickSeconds,
      pollers: options.pollers,
    });
    // Cleanups run in reverse: workers stop first, then the gateway, then the stand-ins.
    cleanups.push(() => running.stop());

    return { url: gatewayUrl, endpoints: standIns.endpoints, dataDir, env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
