/**
 * The local issuer's users: the demo users, and the accounts admins create through the API (the
 * local stand-in for the Cognito user pool, behind the same `StaffDirectory` port). Kept in the data
 * dir, so accounts survive a restart. A disabled user cannot sign in (`POST /local/login`), and the
 * local gateway refuses the tokens they hold (on AWS those live until they expire: see
 * shared/accounts/cognito-directory.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Account, StaffDirectory } from '../../shared/accounts/accounts';
import { ConflictError, say } from '../../shared/errors';
import { demoUsers } from './demo-users';

export interface LocalUserStore extends StaffDirectory {
  /** The user as stored, enabled or not. */
  find(username: string): Account | undefined;
  all(): Account[];
}

/** The store kept in `file`; the demo users, all enabled, on first use. */
export const createLocalUserStore = (file: string): LocalUserStore => {
  const users: Account[] = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Account[])
    : demoUsers.map((user) => ({ ...user, enabled: true }));
  const save = () => writeFileSync(file, JSON.stringify(users, null, 1));
  const find = (username: string) => users.find((u) => u.username === username);
  save();
  return {
    find,
    all: () => users.map((u) => ({ ...u })),
    async list() {
      return users.map((u) => ({ ...u }));
    },
    async get(username) {
      const user = find(username);
      return user && { ...user };
    },
    async create(account) {
      if (find(account.username))
        throw new ConflictError('ACCOUNT_EXISTS', say(`账号 ${account.username} 已存在`, `${account.username} exists`));
      users.push({ ...account, enabled: true });
      save();
    },
    async update(current, change) {
      const user = find(current.username);
      if (!user) return;
      if (change.name !== undefined) user.name = change.name;
      if (change.roles !== undefined) user.roles = change.roles;
      if (change.enabled !== undefined) user.enabled = change.enabled;
      for (const field of ['district', 'department', 'unit'] as const) {
        const value = change[field];
        if (value === null) delete user[field];
        else if (value !== undefined) user[field] = value;
      }
      save();
    },
  };
};
