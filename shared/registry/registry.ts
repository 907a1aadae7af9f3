/**
 * The registry (名录): the supervising departments (主管部门) and the window units (窗口单位) with their
 * names, districts and sectors, kept by admins. Accounts name their department and unit by these
 * ids, and exports and print pages show the names.
 */
import type { Actor } from '../auth/actor';
import { RuleViolationError, say } from '../errors';
import * as z from '../zod';

export const REGISTRY_KINDS = ['departments', 'units'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

/** An id as accounts, nominations and paths carry it. */
export const registryIdSchema = z
  .string()
  .check(
    z.trim(),
    z.regex(
      /^[A-Za-z0-9_.-]{1,64}$/,
      z.bilingual('编号须为 1-64 个字母、数字或 _ . -', 'an id of 1-64 letters, digits, _ . or -'),
    ),
  );
const nameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

export const departmentBodySchema = z.strictObject({
  id: registryIdSchema,
  name: nameSchema,
  /** The district id (`city`, `dongbao`, ...), as campaigns and accounts name districts. */
  district: registryIdSchema,
  /** The sector it supervises (行业), as the campaign's sector list names it. */
  sector: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
});

export const unitBodySchema = z.strictObject({
  ...departmentBodySchema.shape,
  /** Its supervising department: an id of the registry's departments. */
  department: registryIdSchema,
});

export type DepartmentBody = z.infer<typeof departmentBodySchema>;
export type UnitBody = z.infer<typeof unitBodySchema>;
export type RegistryBody = DepartmentBody | UnitBody;

const stamp = { updatedAt: z.string(), updatedBy: z.string() };
export const departmentSchema = z.object({ ...departmentBodySchema.shape, ...stamp });
export const unitSchema = z.object({ ...unitBodySchema.shape, ...stamp });
export type Department = z.infer<typeof departmentSchema>;
export type Unit = z.infer<typeof unitSchema>;
export type RegistryEntry = Department | Unit;

export const bodySchemas = { departments: departmentBodySchema, units: unitBodySchema } as const;

/** The entries of one kind, in id order, and the names by id (exports and print pages). */
export interface RegistryNames {
  departments: Map<string, string>;
  units: Map<string, string>;
}

export interface RegistryRepository {
  list(kind: RegistryKind): Promise<RegistryEntry[]>;
  get(kind: RegistryKind, id: string): Promise<RegistryEntry | undefined>;
  /** Writes one entry; returns whether it is new. */
  put(kind: RegistryKind, entry: RegistryEntry): Promise<boolean>;
  /** Writes many entries (an import), in batches. */
  putMany(kind: RegistryKind, entries: readonly RegistryEntry[]): Promise<void>;
}

/** The names of every department and unit, by id. */
export const registryNames = async (registry: Pick<RegistryRepository, 'list'>): Promise<RegistryNames> => {
  const [departments, units] = await Promise.all([registry.list('departments'), registry.list('units')]);
  return {
    departments: new Map(departments.map((d) => [d.id, d.name])),
    units: new Map(units.map((u) => [u.id, u.name])),
  };
};

/** True when the entry written would change nothing stored. */
export const sameEntry = (stored: RegistryEntry | undefined, body: RegistryBody): boolean =>
  stored !== undefined &&
  stored.name === body.name &&
  stored.district === body.district &&
  stored.sector === body.sector &&
  (stored as Partial<Unit>).department === (body as Partial<UnitBody>).department;

/** Creates or changes one entry; a unit's department must be in the registry (422 otherwise). */
export const putEntry = async (
  kind: RegistryKind,
  body: RegistryBody,
  actor: Actor,
  deps: { registry: RegistryRepository; now?: () => Date },
): Promise<{ entry: RegistryEntry; created: boolean }> => {
  if ('department' in body && !(await deps.registry.get('departments', body.department)))
    throw new RuleViolationError(
      'UNKNOWN_DEPARTMENT',
      say(`名录中没有主管部门 ${body.department}`, `The registry has no department ${body.department}`),
      { field: 'department' },
    );
  const entry = { ...body, updatedAt: (deps.now?.() ?? new Date()).toISOString(), updatedBy: actor.username };
  return { entry, created: await deps.registry.put(kind, entry) };
};
