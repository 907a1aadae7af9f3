/**
 * Staff accounts, created, changed and disabled by admins: the one place where a staff member's
 * roles and scope (district, department, unit) are set. The directory is the staff user pool
 * (Cognito on AWS, the local issuer's user store locally); scope references must be in the registry.
 */
import { ROLES, type Actor, type Role } from '../auth/actor';
import { ConflictError, NotFoundError, RuleViolationError, say } from '../errors';
import type { RegistryRepository } from '../registry/registry';
import { registryIdSchema } from '../registry/registry';
import * as z from '../zod';

const usernameSchema = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9_.-]{1,64}$/,
      z.bilingual('用户名须为 1-64 个字母、数字或 _ . -', 'a username of 1-64 letters, digits, _ . or -'),
    ),
  );
const nameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const rolesSchema = z.array(z.enum(ROLES)).check(z.minLength(1), z.maxLength(ROLES.length));

export interface Account {
  username: string;
  name: string;
  /** Where the user pool sends the invitation with the temporary password. */
  email?: string;
  roles: Role[];
  district?: string;
  department?: string;
  unit?: string;
  enabled: boolean;
}

export const createAccountSchema = z.strictObject({
  username: usernameSchema,
  name: nameSchema,
  email: z.email(),
  roles: rolesSchema,
  district: z.optional(registryIdSchema),
  department: z.optional(registryIdSchema),
  unit: z.optional(registryIdSchema),
});
export type NewAccount = z.infer<typeof createAccountSchema>;

/** A change: the fields given replace the account's; `null` clears a scope field. */
export const updateAccountSchema = z
  .strictObject({
    name: z.optional(nameSchema),
    roles: z.optional(rolesSchema),
    district: z.optional(z.nullable(registryIdSchema)),
    department: z.optional(z.nullable(registryIdSchema)),
    unit: z.optional(z.nullable(registryIdSchema)),
    enabled: z.optional(z.boolean()),
  })
  .check(
    z.refine(
      (body) => Object.keys(body).length > 0,
      z.bilingual('请至少指明一项要更改的内容', 'name at least one field to change'),
    ),
  );
export type AccountChange = z.infer<typeof updateAccountSchema>;

/** The staff user pool, as the accounts routes use it. */
export interface StaffDirectory {
  list(): Promise<Account[]>;
  get(username: string): Promise<Account | undefined>;
  /** Creates an enabled account; 409 ACCOUNT_EXISTS when the username is taken. */
  create(account: NewAccount): Promise<void>;
  /** Applies a change to the account read before (`current`). */
  update(current: Account, change: AccountChange): Promise<void>;
}

/**
 * `STAFF_USER_POOL_ID` where another OIDC issuer signs staff in (context staffIssuer, AWS China regions): there is no
 * user pool to manage, and every account route answers 409 ACCOUNTS_EXTERNAL instead of failing.
 */
export const EXTERNAL_ISSUER = 'external-issuer';

/** The directory of a deployment whose staff accounts live in another OIDC issuer. */
export const externalDirectory = (): StaffDirectory => {
  const refuse = async (): Promise<never> => {
    throw new ConflictError(
      'ACCOUNTS_EXTERNAL',
      say(
        '员工账号由外部身份提供方管理，请在该处创建、修改或停用',
        'Staff accounts are managed in the external OIDC issuer: create, change and disable them there',
      ),
    );
  };
  return { list: refuse, get: refuse, create: refuse, update: refuse };
};

export interface AccountDeps {
  directory: StaffDirectory;
  registry: Pick<RegistryRepository, 'get' | 'list'>;
}

/** The scope fields each role needs (actor.ts: whom each role's checks read). */
const NEEDS: Record<Role, Array<'district' | 'department' | 'unit'>> = {
  admin: [],
  district: ['district'],
  department: ['district', 'department'],
  applicant: ['district', 'department', 'unit'],
  judge: [],
};

const TITLES = { district: '县市区', department: '主管部门', unit: '单位' } as const;

/** 422 unless the roles have the scope they need and every reference is in the registry. */
const checkScope = async (
  account: Pick<Account, 'roles' | 'district' | 'department' | 'unit'>,
  { registry }: Pick<AccountDeps, 'registry'>,
) => {
  for (const role of account.roles)
    for (const field of NEEDS[role])
      if (!account[field])
        throw new RuleViolationError(
          'SCOPE_REQUIRED',
          say(`角色 ${role} 需要指定${TITLES[field]}`, `The role ${role} needs a ${field}`),
          { field, role },
        );
  const [department, unit] = await Promise.all([
    account.department ? registry.get('departments', account.department) : undefined,
    account.unit ? registry.get('units', account.unit) : undefined,
  ]);
  if (account.department && !department)
    throw new RuleViolationError(
      'UNKNOWN_DEPARTMENT',
      say(`名录中没有主管部门 ${account.department}`, `The registry has no department ${account.department}`),
      { field: 'department' },
    );
  if (account.unit && !unit)
    throw new RuleViolationError(
      'UNKNOWN_UNIT',
      say(`名录中没有单位 ${account.unit}`, `The registry has no unit ${account.unit}`),
      { field: 'unit' },
    );
  if (unit && account.department && 'department' in unit && unit.department !== account.department)
    throw new RuleViolationError(
      'UNIT_NOT_IN_DEPARTMENT',
      say(
        `单位 ${unit.id} 不属于主管部门 ${account.department}`,
        `The unit ${unit.id} is not under the department ${account.department}`,
      ),
      { field: 'unit' },
    );
  if (account.district && !(await knownDistricts(registry)).has(account.district))
    throw new RuleViolationError(
      'UNKNOWN_DISTRICT',
      say(
        `名录中没有县市区 ${account.district} 的主管部门或单位`,
        `No department or unit of the registry is in the district ${account.district}`,
      ),
      { field: 'district' },
    );
};

/** The districts the registry knows: those of its departments and units. */
const knownDistricts = async (registry: Pick<RegistryRepository, 'list'>) => {
  const [departments, units] = await Promise.all([registry.list('departments'), registry.list('units')]);
  return new Set([...departments, ...units].map((entry) => entry.district));
};

export const listAccounts = async ({ directory }: Pick<AccountDeps, 'directory'>): Promise<Account[]> =>
  (await directory.list()).sort((a, b) => a.username.localeCompare(b.username));

export const createAccount = async (body: NewAccount, deps: AccountDeps): Promise<Account> => {
  await checkScope(body, deps);
  await deps.directory.create(body);
  return { ...body, enabled: true };
};

/** Changes an account; an admin cannot disable or un-admin their own account (someone must be left to undo it). */
export const updateAccount = async (
  username: string,
  change: AccountChange,
  actor: Actor,
  deps: AccountDeps,
): Promise<Account> => {
  const current = await deps.directory.get(username);
  if (!current) throw new NotFoundError(say(`没有账号 ${username}`, `No account ${username}`));
  if (username === actor.username && (change.enabled === false || (change.roles && !change.roles.includes('admin'))))
    throw new ConflictError(
      'OWN_ACCOUNT',
      say(
        '不能停用自己的账号或取消自己的管理员角色',
        'Admins cannot disable their own account or drop their own admin role',
      ),
    );
  const next: Account = { ...current };
  if (change.name !== undefined) next.name = change.name;
  if (change.roles !== undefined) next.roles = change.roles;
  if (change.enabled !== undefined) next.enabled = change.enabled;
  for (const field of ['district', 'department', 'unit'] as const) {
    const value = change[field];
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  await checkScope(next, deps);
  await deps.directory.update(current, change);
  return next;
};
