/**
 * The local stand-in for the SMS gateway: messages are appended to a file in the data dir instead
 * of being sent, each send is logged (code and masked phone), and `GET /local/outbox?phone=...`
 * reads the latest back (local only).
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { maskRecipient } from '../../shared/notifications/notification';
import { maskPhone } from '../../shared/voters/phone';

export interface OutboxMessage {
  phone: string;
  message: string;
  /** The one-time code in the message, when it holds one (4 to 8 digits). */
  code?: string;
  sentAt: string;
}

export interface LocalOutbox {
  /** `code`: the one-time code the message holds (null: none, as in a notification); read from the text if not given. */
  send(phone: string, message: string, code?: string | null): Promise<void>;
  /** The phone's messages, newest first. */
  latest(phone: string, limit?: number): Promise<OutboxMessage[]>;
}

const digits = (phone: string): string => phone.replace(/\D/g, '');

/** Same number whatever the prefix: `+86 138...` matches `138...`; e-mail addresses match whole, in any case. */
const samePhone = (a: string, b: string): boolean => {
  if (a.includes('@') || b.includes('@')) return a.toLowerCase() === b.toLowerCase();
  const [x, y] = [digits(a), digits(b)];
  return x !== '' && y !== '' && (x.endsWith(y) || y.endsWith(x));
};

export interface LocalOutboxOptions {
  now?: () => Date;
  /** Where each send is announced (one line, phone masked); stdout by default, the local system's log. */
  log?: (line: string) => void;
}

/** An outbox persisted as JSON lines in `dir/outbox.jsonl`; every send is also logged with the phone masked. */
export const createLocalOutbox = (
  dir: string,
  { now = () => new Date(), log = console.log }: LocalOutboxOptions = {},
): LocalOutbox => {
  const file = join(dir, 'outbox.jsonl');
  return {
    async send(phone, message, given) {
      const code = given === undefined ? message.match(/\b\d{4,8}\b/)?.[0] : (given ?? undefined);
      const entry: OutboxMessage = { phone, message, ...(code ? { code } : {}), sentAt: now().toISOString() };
      await mkdir(dir, { recursive: true });
      await appendFile(file, `${JSON.stringify(entry)}\n`);
      const to = phone.includes('@') ? `e-mail to ${maskRecipient(phone)}` : `SMS to ${maskPhone(phone)}`;
      log(`Local outbox: ${to}${code ? `, one-time code ${code}` : ''}`);
    },
    async latest(phone, limit = 5) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as OutboxMessage)
        .filter((entry) => samePhone(entry.phone, phone))
        .reverse()
        .slice(0, limit);
    },
  };
};
