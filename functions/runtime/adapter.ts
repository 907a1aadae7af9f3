/**
 * The composition root's vocabulary. An adapter (a repository, the vote queue, the SMS port, ...)
 * is declared once with the environment variables its factory reads, the IAM grants each way of
 * using it needs, and the factory. Routes and workers name the adapters they use and how
 * (`uses: { nominations: nominations.write }`); the CDK stack derives each function's environment
 * and policy from that, and the runtime builds each adapter once per process. The local system
 * passes its own factories for a few adapters (`overrides`), so production code never asks where
 * it runs and no local module reaches a bundle.
 */

/**
 * What a function may touch; infra/constructs/grants.ts turns each into the narrowest IAM statement.
 * S3 grants are by key prefix: `uploads:*` the nominations' incoming uploads, `verified:*` the
 * verifier's checked copies, `results:*` the published results files, `archives:*` the nominations' archive ZIPs, `report-photos:*` the
 * activity reports' photos (`write` their incoming POSTs, `read` their checked copies, `verify` the verifier's reads,
 * writes and deletions of both). `ballots:write` writes only
 * the voters' ballots and the candidate index (the vote path's items, by partition key prefix).
 * `staff-pool:*` are Cognito admin calls on the staff user pool (reading, and managing accounts).
 */
export type Grant =
  | 'table:read'
  | 'table:write'
  | 'ballots:write'
  | 'uploads:read'
  | 'uploads:write'
  | 'uploads:delete'
  | 'verified:read'
  | 'verified:write'
  | 'results:read'
  | 'results:write'
  | 'archives:read'
  | 'archives:write'
  | 'report-photos:write'
  | 'report-photos:read'
  | 'report-photos:verify'
  | 'votes:send'
  | 'sms:send'
  | 'voter-secret:read'
  | 'staff-pool:read'
  | 'staff-pool:admin'
  | 'mail:send';

/** The environment variables an adapter may read; the stack (or the local system) sets each. */
export type EnvName =
  | 'TABLE_NAME'
  | 'UPLOADS_BUCKET_NAME'
  | 'VOTES_QUEUE_URL'
  | 'VOTER_SECRET_ARN'
  | 'STAFF_ISSUER'
  | 'STAFF_AUDIENCE'
  | 'STAFF_JWKS_URL'
  | 'STAFF_CLAIMS'
  | 'STAFF_TOKEN_MAX_AGE_SECONDS'
  | 'SMS_DAILY_BUDGET'
  | 'VOTER_SESSION_HOURS'
  | 'VOTER_DATA_RETENTION_DAYS'
  | 'NOMINEE_ARCHIVE_DAYS'
  | 'SMS_SECRET_ID'
  | 'SMS_SIGN_NAME'
  | 'SMS_TEMPLATE_CODE'
  | 'STAFF_USER_POOL_ID'
  | 'MAIL_FROM';

/** Reads a declared variable; a missing one is a deployment bug, said plainly. */
export type EnvReader = (name: EnvName) => string;

export interface AdapterSpec<T = unknown> {
  /** Unique; the local system overrides an adapter by this name. */
  name: string;
  env: readonly EnvName[];
  create: (env: EnvReader) => T;
}

/** One way of using an adapter: the adapter and the grants that way needs. */
export interface Use<T = unknown> {
  adapter: AdapterSpec<T>;
  grants: readonly Grant[];
}

export type Uses = Record<string, Use>;

/** The typed dependencies a handler receives for its `uses`. */
export type DepsOf<U extends Uses> = { [K in keyof U]: U[K] extends Use<infer T> ? T : never };

/**
 * Declares an adapter with its ways of use, e.g. `{ read: ['table:read'], write: ['table:read', 'table:write'] }`;
 * the result has one `Use` per way (`nominations.read`, `nominations.write`).
 */
export const defineAdapter = <T, M extends string>(spec: {
  name: string;
  env: readonly EnvName[];
  modes: Record<M, readonly Grant[]>;
  create: (env: EnvReader) => T;
}): Record<M, Use<T>> & { spec: AdapterSpec<T> } => {
  const adapter: AdapterSpec<T> = { name: spec.name, env: spec.env, create: spec.create };
  const uses = Object.fromEntries(
    Object.entries<readonly Grant[]>(spec.modes).map(([mode, grants]) => [mode, { adapter, grants }]),
  ) as Record<M, Use<T>>;
  return Object.assign(uses, { spec: adapter });
};

/** Factories the local system passes instead of the production ones, by adapter name. */
export type Overrides = Record<string, (env: EnvReader) => unknown>;

const readEnv: EnvReader = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set; the stack or the local system sets it`);
  return value;
};

/** Builds adapters once per process (per container), the local overrides first. */
export const createContainer = (overrides: Overrides = {}) => {
  const built = new Map<string, unknown>();
  const get = (adapter: AdapterSpec): unknown => {
    if (!built.has(adapter.name)) built.set(adapter.name, (overrides[adapter.name] ?? adapter.create)(readEnv));
    return built.get(adapter.name);
  };
  return {
    deps: <U extends Uses>(uses: U): DepsOf<U> =>
      Object.fromEntries(Object.entries(uses).map(([key, use]) => [key, get(use.adapter)])) as DepsOf<U>,
  };
};

export type Container = ReturnType<typeof createContainer>;

/** The grants and environment variable names a set of uses needs (the stack reads these). */
export const needsOf = (uses: readonly Uses[]): { grants: Grant[]; env: EnvName[] } => {
  const all = uses.flatMap((u) => Object.values(u));
  return {
    grants: [...new Set(all.flatMap((use) => use.grants))].sort(),
    env: [...new Set(all.flatMap((use) => use.adapter.env))].sort(),
  };
};
