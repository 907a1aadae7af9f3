/** The local SMS outbox: every send is logged with its code and the phone masked, never the whole number. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalOutbox } from '../../infra/local/outbox';
import { maskPhone } from '../../shared/voters/phone';

describe('the local outbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'service-awards-outbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('logs one line per message with the one-time code and the phone masked, and keeps the message for GET /local/outbox', async () => {
    const lines: string[] = [];
    const outbox = createLocalOutbox(dir, { log: (line) => lines.push(line) });
    await outbox.send('+8613812345678', '123456 是您的投票验证码，5分钟内有效。【荆门优质服务评选】');
    expect(lines).toEqual(['Local outbox: SMS to 138****5678, one-time code 123456']);
    expect(lines.join('\n')).not.toContain('13812345678');
    expect((await outbox.latest('13812345678')).map((m) => m.code)).toEqual(['123456']);
  });

  it('masks all but the first 3 and last 4 digits of the national number, and all of a short one', () => {
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+4915112345678')).toBe('491******5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});
