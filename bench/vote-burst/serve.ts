/**
 * The local system for the vote burst: the same as `npm start` (infra/local/system.ts), plus the
 * bench-only routes and the DynamoDB request counter. Announces READY (and writes running.json) like start.ts.
 */
import { announceReady } from '../../infra/local/running';
import { startLocalSystem } from '../../infra/local/system';
import { handler as floor } from './floor';
import { installRequestCounter } from './request-counter';
import { handler as stats } from './stats';

const system = await startLocalSystem({
  dataDir: process.argv[2]!,
  port: 0,
  tickSeconds: 5,
  pollers: Number(process.env.LOCAL_SQS_POLLERS ?? 2),
  extraFunctions: [
    { name: 'BenchFloor', routes: [{ method: 'POST', path: '/bench/floor', auth: 'none' }], handler: floor },
    { name: 'BenchStats', routes: [{ method: 'GET', path: '/bench/dynamodb-requests', auth: 'none' }], handler: stats },
  ],
});
installRequestCounter();
const stop = () => system.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
announceReady({ url: system.url, endpoints: system.endpoints, dataDir: system.dataDir, env: system.env });
