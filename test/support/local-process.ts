/**
 * Runs the local system as a child process exactly as `npm start` does, and reads its READY line.
 * Used by the global setup (one system for the whole run) and by tests of the runner itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { LocalEndpoints } from '../../infra/local/environment';

export interface LocalStack {
  url: string;
  endpoints: LocalEndpoints;
  dataDir: string;
  env: Record<string, string>;
}

export interface LocalProcess extends LocalStack {
  /** Milliseconds from spawn to the READY line. */
  startupMs: number;
  /** Everything the child printed so far (for failure messages). */
  output(): string;
  /** SIGTERM, then wait for a clean exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Spawns `node --openssl-legacy-provider --import tsx infra/local/start.ts` and waits for READY. */
export const startLocalProcess = ({
  dataDir,
  reset = false,
  env = {},
  timeoutMs = 90_000,
}: {
  dataDir: string;
  reset?: boolean;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<LocalProcess> => {
  const started = Date.now();
  const args = ['--openssl-legacy-provider', '--import', 'tsx', 'infra/local/start.ts', '--data-dir', dataDir, ...(reset ? ['--reset'] : [])];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The local system was not READY within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    let ready = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = ready ? undefined : output.split('\n').slice(0, -1).find((l) => l.startsWith('READY '));
      if (!line) return;
      ready = true;
      clearTimeout(timer);
      const stack = JSON.parse(line.slice('READY '.length)) as LocalStack;
      resolvePromise({ ...stack, startupMs: Date.now() - started, output: () => output, stop });
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The local system exited (code ${code}) before READY:\n${output}`));
    });
  });
};
