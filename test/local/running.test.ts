/** How a running local system is published: READY without secrets, running.json for its owner only. */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RUNNING_FILE } from '../../infra/local/environment';
import { readRunningFile, readyLine, writeRunningFile, type RunningSystem } from '../../infra/local/running';

describe('the running-system record', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'service-awards-running-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const running: RunningSystem = {
    url: 'http://127.0.0.1:3000',
    endpoints: { dynamodb: 'http://127.0.0.1:1', s3: 'http://127.0.0.1:2', sqs: 'http://127.0.0.1:3' },
    dataDir,
    env: {
      TABLE_NAME: 'service-awards',
      VOTER_SECRET: 'f00dcafe',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      SOME_API_TOKEN: 't0ken',
      DB_PASSWORD: 'pw',
    },
  };

  it('prints READY without any secret variable', () => {
    const line = readyLine(running);
    expect(line.startsWith('READY ')).toBe(true);
    expect(JSON.parse(line.slice('READY '.length))).toEqual({ ...running, env: { TABLE_NAME: 'service-awards' } });
    for (const secret of ['f00dcafe', 't0ken', 'pw"']) expect(line).not.toContain(secret);
  });

  it('writes running.json with the full environment, mode 0600 even over a stale world-readable file', () => {
    const file = join(dataDir, RUNNING_FILE);
    writeFileSync(file, '{}');
    chmodSync(file, 0o644);
    writeRunningFile(running);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readRunningFile(dataDir)).toEqual(running);
  });
});
