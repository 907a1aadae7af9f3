/**
 * The local system's own adapters, passed to the same handlers the stack deploys: SMS goes to the
 * outbox (read back at GET /local/outbox), and the voter secret is the one generated into the data
 * dir (Secrets Manager on AWS), and staff accounts live in the local issuer's user store (the Cognito
 * user pool on AWS). Nothing here is reachable from a deployed bundle.
 */
import type { Overrides } from '../../functions/runtime/adapter';
import { voterKeysFrom } from '../../functions/runtime/adapters';
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
    return (phone, message) => outbox.send(phone, message);
  },
  voterKeys: () => voterKeysFrom(async () => voterSecret),
  ...(users ? { staffDirectory: () => users } : {}),
});
