/**
 * What `npm start` prints, as a newcomer sees it: a banner with the real URL and how to sign in,
 * a READY line without secrets, one log line per entry (SMS codes with the phone masked), and a
 * confirmation on Ctrl-C once everything is down.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RUNNING_FILE } from '../../infra/local/environment';
import { startLocalProcess, type LocalProcess } from '../support/local-process';

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'service-awards-start-'));
  let running: LocalProcess;
  const lines = () => running.output().split('\n');
  const post = (path: string, body: unknown) =>
    fetch(`${running.url}${path}`, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    // INFO, as a newcomer runs it (the test config sets WARN), so refused requests are logged.
    running = await startLocalProcess({ dataDir, env: { POWERTOOLS_LOG_LEVEL: 'INFO' } });
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints READY without the voter secret or any other secret; the full environment is in running.json, mode 0600', () => {
    const secret = readFileSync(join(dataDir, 'voter-secret'), 'utf8').trim();
    const ready = JSON.parse(
      lines()
        .find((l) => l.startsWith('READY '))!
        .slice('READY '.length),
    ) as { env: Record<string, string> };
    expect(ready.env.TABLE_NAME).toBe('service-awards');
    expect(ready.env).not.toHaveProperty('VOTER_SECRET');
    expect(ready.env).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
    expect(running.output()).not.toContain(secret);
    expect(statSync(join(dataDir, RUNNING_FILE)).mode & 0o777).toBe(0o600);
    expect(running.env.VOTER_SECRET).toBe(secret);
  });

  it('tells a newcomer the real URL, how to list the users and sign in, and that Ctrl-C stops it', async () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    // The banner follows READY (so it is the last thing on screen): wait for its last line.
    await vi.waitFor(() => expect(running.output()).toContain('Press Ctrl-C to stop everything.'));
    const output = running.output();
    expect(output).toContain(`curl -s ${running.url}/local/users`);
    expect(output).toContain(`curl -s -X POST ${running.url}/local/login -d '{"username":"admin"}'`);
    // The advertised sign-in works as printed (curl sends it form-encoded; the body is what counts).
    const login = await fetch(`${running.url}/local/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '{"username":"admin"}',
    });
    expect(login.status).toBe(200);
  });

  it('logs the one-time code with the phone masked, never the whole number', async () => {
    expect((await post('/voter/otp', { phone: '13812345678' })).status).toBe(202);
    const logged = lines().find((l) => l.includes('SMS to 138****5678'));
    const outbox = (await (await fetch(`${running.url}/local/outbox?phone=13812345678`)).json()) as {
      messages: Array<{ code: string }>;
    };
    const code = outbox.messages[0]!.code;
    expect(logged).toBe(`Local outbox: SMS to 138****5678, one-time code ${code}`);
    expect(running.output()).not.toContain('13812345678');
  });

  it('logs one line per entry: a refused request is one JSON line and one gateway line, with no metrics warning', async () => {
    expect((await post('/voter/otp', { phone: 'not a phone' })).status).toBe(400);
    await new Promise((r) => setTimeout(r, 200));
    const refused = lines().filter((l) => l.includes('"Request refused"'));
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0]!)).toMatchObject({ level: 'INFO', message: 'Request refused', status: 400 });
    expect(lines().filter((l) => /^POST \/voter\/otp 400 \d+ms$/.test(l))).toHaveLength(1);
    expect(lines()).not.toContain('{');
    expect(running.output()).not.toContain('No application metrics');
  });

  it('confirms on Ctrl-C once everything is down, and removes running.json', async () => {
    expect(await running.stop('SIGINT')).toBe(0);
    const tail = lines().filter((l) => /stop/i.test(l));
    expect(tail.slice(-2)).toEqual([
      'SIGINT: stopping the local system...',
      'Stopped (DynamoDB Local, s3rver, SQS, gateway).',
    ]);
    expect(existsSync(join(dataDir, RUNNING_FILE))).toBe(false);
  });
});
