/**
 * The local system's own adapters, passed to the same handlers the stack deploys: SMS and e-mail go to the
 * outbox (read back at GET /local/outbox), and the voter secret is the one generated into the data
 * dir (Secrets Manager on AWS), and staff accounts live in the local issuer's user store (the Cognito
 * user pool on AWS). Nothing here is reachable from a deployed bundle.
 */
import type { Overrides } from '../../functions/runtime/adapter';
import { voterKeysFrom } from '../../functions/runtime/adapters';
import type { EmailSender } from '../../shared/notifications/notifications';
import type { SmsSender } from '../../shared/voters/voter-sessions';
import { createLocalOutbox } from './outbox';
import type { LocalUserStore } from './user-store';

export const localOverrides = ({
  outboxDir,
  voterSecret,
  users,
}: {
  outboxDir: string;
  voterSecret: string;
  /** The local issuer's users (the user pool's stand-in); without it the accounts routes cannot run. */
  users?: LocalUserStore;
}): Overrides => ({
  sms: (): SmsSender => {
    const outbox = createLocalOutbox(outboxDir);
    return (phone, message, params) => outbox.send(phone, message, params?.code ?? null);
  },
  mail: (): EmailSender => {
    const outbox = createLocalOutbox(outboxDir);
    return (to, subject, text) => outbox.send(to, `${subject}\n${text}`, null);
  },
  voterKeys: () => voterKeysFrom(async () => voterSecret),
  ...(users ? { staffDirectory: () => users } : {}),
});
