/**
 * One local system for the whole test run, started as a child process exactly like `npm start`
 * (random ports, a fresh temp data dir, a 1-second schedule tick) and stopped at the end.
 * Tests read it with `inject('local')`; its full environment (from `running.json`, secrets included:
 * handlers a test calls in-process read `VOTER_SECRET`) is also copied into `process.env`
 * before the test workers start, so SDK clients and repositories in tests reach the stand-ins.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { RunningSystem } from '../../infra/local/running';
import { startLocalProcess } from './local-process';

declare module 'vitest' {
  export interface ProvidedContext {
    local: RunningSystem;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'service-awards-test-'));
  const local = await startLocalProcess({ dataDir, env: { LOCAL_TICK_SECONDS: '1' } });
  console.log(`Local system for tests: ${local.url} (ready in ${local.startupMs} ms, data in ${dataDir})`);
  Object.assign(process.env, local.env);
  project.provide('local', { url: local.url, endpoints: local.endpoints, dataDir: local.dataDir, env: local.env });
  return async () => {
    const code = await local.stop();
    if (code !== 0) console.error(`The local system exited with code ${code}:\n${local.output().slice(-4000)}`);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
