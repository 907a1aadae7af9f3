/**
 * Runs the local system as a child process exactly as `npm start` does, waits for its READY line
 * and reads the system (with its full environment, which READY leaves out) from `running.json`.
 * Used by the global setup (one system for the whole run) and by tests of the runner itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { readRunningFile, type RunningSystem } from '../../infra/local/running';

export interface LocalProcess extends RunningSystem {
  /** Milliseconds from spawn to the READY line. */
  startupMs: number;
  /** Everything the child printed so far, stdout and stderr (for assertions and failure messages). */
  output(): string;
  /** Sends the signal (SIGTERM unless given), then waits for the exit; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Spawns `node --openssl-legacy-provider --import tsx infra/local/start.ts`, waits for READY, reads `running.json`. */
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
  const args = [
    '--openssl-legacy-provider',
    '--import',
    'tsx',
    'infra/local/start.ts',
    '--data-dir',
    dataDir,
    ...(reset ? ['--reset'] : []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // 'close', not 'exit': the output is complete only once the child's stdout and stderr have closed.
  const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
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
      if (
        ready ||
        !output
          .split('\n')
          .slice(0, -1)
          .some((l) => l.startsWith('READY '))
      )
        return;
      ready = true;
      clearTimeout(timer);
      resolvePromise({ ...readRunningFile(dataDir), startupMs: Date.now() - started, output: () => output, stop });
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The local system exited (code ${code}) before READY:\n${output}`));
    });
  });
};
