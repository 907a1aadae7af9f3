/**
 * Staff accounts in the Cognito user pool: roles are the pool's groups (one per role), the scope is
 * the custom attributes `custom:district`, `custom:department` and `custom:unit` (which the app client
 * cannot write: only these admin calls set them). A disabled user cannot sign in, and AdminDisableUser
 * revokes their refresh tokens; an ID token already issued stays valid until it expires (1 hour for
 * the pool's client, never more than the authorizer's 12-hour maximum age).
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  UserNotFoundException,
  UsernameExistsException,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ROLES, type Role } from '../auth/actor';
import { ConflictError, say } from '../errors';
import type { Account, StaffDirectory } from './accounts';

const SCOPE = ['district', 'department', 'unit'] as const;

const attribute = (attributes: AttributeType[] | undefined, name: string) =>
  attributes?.find((a) => a.Name === name)?.Value || undefined;

const toAccount = (
  username: string,
  attributes: AttributeType[] | undefined,
  enabled: boolean | undefined,
  roles: Role[],
): Account => {
  const account: Account = {
    username,
    name: attribute(attributes, 'name') ?? username,
    roles,
    enabled: enabled !== false,
  };
  const email = attribute(attributes, 'email');
  if (email) account.email = email;
  for (const field of SCOPE) {
    const value = attribute(attributes, `custom:${field}`);
    if (value) account[field] = value;
  }
  return account;
};

/** Every page of a Cognito list call. */
const allPages = async <T>(page: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> => {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const { items, next } = await page(token);
    all.push(...items);
    token = next;
  } while (token);
  return all;
};

export const createCognitoDirectory = ({
  userPoolId,
  client = new CognitoIdentityProviderClient({}),
}: {
  userPoolId: string;
  client?: CognitoIdentityProviderClient;
}): StaffDirectory => {
  const groupsOf = async (username: string): Promise<Role[]> => {
    const names = await allPages(async (token) => {
      const out = await client.send(
        new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username, NextToken: token }),
      );
      return { items: (out.Groups ?? []).map((g) => g.GroupName ?? ''), next: out.NextToken };
    });
    return ROLES.filter((role) => names.includes(role));
  };
  const setGroups = async (username: string, add: readonly Role[], remove: readonly Role[]) => {
    for (const role of add)
      await client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: role }),
      );
    for (const role of remove)
      await client.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: role }),
      );
  };

  return {
    async list() {
      // Roles by group (one listing per role), then every user with its attributes.
      const members = new Map<string, Role[]>();
      for (const role of ROLES) {
        const users = await allPages(async (token) => {
          const out = await client.send(
            new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: role, NextToken: token }),
          );
          return { items: out.Users ?? [], next: out.NextToken };
        });
        for (const user of users) members.set(user.Username!, [...(members.get(user.Username!) ?? []), role]);
      }
      const users = await allPages(async (token) => {
        const out = await client.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token }));
        return { items: out.Users ?? [], next: out.PaginationToken };
      });
      return users.map((u) => toAccount(u.Username!, u.Attributes, u.Enabled, members.get(u.Username!) ?? []));
    },

    async get(username) {
      try {
        const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
        return toAccount(username, user.UserAttributes, user.Enabled, await groupsOf(username));
      } catch (error) {
        if (error instanceof UserNotFoundException) return undefined;
        throw error;
      }
    },

    async create(account) {
      try {
        await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: account.username,
            // Cognito e-mails the temporary password; the user sets a password and TOTP at first sign-in.
            DesiredDeliveryMediums: ['EMAIL'],
            UserAttributes: [
              { Name: 'name', Value: account.name },
              { Name: 'email', Value: account.email },
              { Name: 'email_verified', Value: 'true' },
              ...SCOPE.flatMap((field) => (account[field] ? [{ Name: `custom:${field}`, Value: account[field] }] : [])),
            ],
          }),
        );
      } catch (error) {
        if (error instanceof UsernameExistsException)
          throw new ConflictError(
            'ACCOUNT_EXISTS',
            say(`账号 ${account.username} 已存在`, `${account.username} exists`),
          );
        throw error;
      }
      await setGroups(account.username, account.roles, []);
    },

    async update(current, change) {
      const username = current.username;
      const set: AttributeType[] = [];
      const clear: string[] = [];
      if (change.name !== undefined) set.push({ Name: 'name', Value: change.name });
      for (const field of SCOPE) {
        const value = change[field];
        if (value === null) clear.push(`custom:${field}`);
        else if (value !== undefined) set.push({ Name: `custom:${field}`, Value: value });
      }
      if (set.length > 0)
        await client.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: set }),
        );
      if (clear.length > 0)
        await client.send(
          new AdminDeleteUserAttributesCommand({
            UserPoolId: userPoolId,
            Username: username,
            UserAttributeNames: clear,
          }),
        );
      if (change.roles)
        await setGroups(
          username,
          change.roles.filter((r) => !current.roles.includes(r)),
          current.roles.filter((r) => !change.roles!.includes(r)),
        );
      if (change.enabled === false)
        await client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
      if (change.enabled === true)
        await client.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username }));
    },
  };
};
