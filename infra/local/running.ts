/**
 * How scripts and tests find a running local system: `<data dir>/running.json` (owner-only, holds
 * the full environment, secrets included) and the `READY {json}` line on stdout (the same without
 * secrets, since stdout ends up in terminals, CI logs and bug reports).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNNING_FILE, type LocalEndpoints } from './environment';

export interface RunningSystem {
  url: string;
  endpoints: LocalEndpoints;
  dataDir: string;
  /** The environment the handlers run with; tests and scripts apply the same. */
  env: Record<string, string>;
}

/** Variable names that hold secrets (the voter HMAC key, the SDK secret key, any future token or password). */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|PRIVATE/i;

/** The environment without its secret variables: what may be printed. */
export const printableEnvironment = (env: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !SECRET_NAME.test(name)));

/** The READY line for scripts and tests: never a secret; the full environment is in `running.json`. */
export const readyLine = (running: RunningSystem): string =>
  `READY ${JSON.stringify({ ...running, env: printableEnvironment(running.env) })}`;

/** Writes `running.json` readable by its owner only (removed first, so a stale file's mode is not kept). */
export const writeRunningFile = (running: RunningSystem): void => {
  const file = join(running.dataDir, RUNNING_FILE);
  rmSync(file, { force: true });
  writeFileSync(file, JSON.stringify(running), { mode: 0o600 });
};

/** The running system in `dataDir`, with its full environment; throws when none is running there. */
export const readRunningFile = (dataDir: string): RunningSystem =>
  JSON.parse(readFileSync(join(dataDir, RUNNING_FILE), 'utf8')) as RunningSystem;

/** Writes `running.json` and prints the READY line: the one way a local runner announces it is up. */
export const announceReady = (running: RunningSystem): void => {
  writeRunningFile(running);
  console.log(readyLine(running));
};
