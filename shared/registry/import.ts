/**
 * Bulk import of departments or units from a table (CSV or .xlsx): every row is checked first, and
 * the rows are written only when every one is valid and the request is not a dry run. Rows equal to
 * what is stored are not written again, so importing the same file twice changes nothing.
 */
import type { Actor } from '../auth/actor';
import { say, type Bilingual, RuleViolationError, ValidationError } from '../errors';
import * as z from '../zod';
import {
  bodySchemas,
  REGISTRY_KINDS,
  sameEntry,
  type RegistryBody,
  type RegistryEntry,
  type RegistryKind,
  type RegistryRepository,
} from './registry';
import { parseCsv, readXlsx } from './sheet';

export const importRequestSchema = z.strictObject({
  kind: z.enum(REGISTRY_KINDS),
  format: z.enum(['csv', 'xlsx']),
  /** The CSV text, or the .xlsx file in base64. */
  content: z.string().check(z.minLength(1)),
  /** Default true: only a request with `"dryRun": false` writes. */
  dryRun: z._default(z.boolean(), true),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

/** At most this many rows per import (each is a small item; larger registries import in parts). */
export const MAX_IMPORT_ROWS = 5000;

export interface RowError {
  /** The row as the spreadsheet numbers it: the header is row 1. */
  row: number;
  field: string;
  message: string;
  messageEn: string;
}

export interface ImportReport {
  kind: RegistryKind;
  dryRun: boolean;
  /** Rows read (blank rows skipped). */
  rows: number;
  created: number;
  changed: number;
  unchanged: number;
  /** True when the rows were written (every row valid, not a dry run). */
  written: boolean;
  errors: RowError[];
}

/** The header a column may have: the field name or its Chinese title. */
const COLUMNS: Record<string, keyof RegistryBody | 'department'> = {
  id: 'id',
  编号: 'id',
  代码: 'id',
  name: 'name',
  名称: 'name',
  district: 'district',
  县市区: 'district',
  sector: 'sector',
  行业: 'sector',
  department: 'department',
  主管部门: 'department',
};

const FIELDS: Record<RegistryKind, { required: string[]; optional: string[] }> = {
  departments: { required: ['id', 'name', 'district'], optional: ['sector'] },
  units: { required: ['id', 'name', 'district', 'department'], optional: ['sector'] },
};

const rowError = (row: number, field: string, text: Bilingual): RowError => ({
  row,
  field,
  message: text.zh,
  messageEn: text.en,
});

const readRows = async (request: ImportRequest): Promise<string[][]> => {
  if (request.format === 'csv') return parseCsv(request.content);
  try {
    return await readXlsx(Buffer.from(request.content, 'base64'));
  } catch {
    throw new ValidationError(
      say('content 不是有效的 .xlsx 文件（base64 编码）', 'content is not an .xlsx workbook in base64'),
      { field: 'content' },
      'INVALID_FILE',
    );
  }
};

/** Checks every row of the table; writes them when all are valid and `dryRun` is false. */
export const importRegistry = async (
  request: ImportRequest,
  actor: Actor,
  deps: { registry: RegistryRepository; now?: () => Date },
): Promise<ImportReport> => {
  const { kind } = request;
  const table = (await readRows(request)).map((cells) => cells.map((c) => c.trim()));
  const [header = [], ...body] = table;
  const errors: RowError[] = [];

  const columns = header.map((title) => COLUMNS[title] ?? COLUMNS[title.toLowerCase()]);
  const allowed = [...FIELDS[kind].required, ...FIELDS[kind].optional];
  header.forEach((title, i) => {
    const field = columns[i];
    if (!field || !allowed.includes(field))
      errors.push(rowError(1, title, say(`未知的列“${title}”`, `Unknown column "${title}"`)));
    else if (columns.indexOf(field) !== i)
      errors.push(rowError(1, title, say(`列“${title}”重复`, `Column "${title}" appears twice`)));
  });
  for (const field of FIELDS[kind].required)
    if (!columns.includes(field as never))
      errors.push(rowError(1, field, say(`缺少“${field}”列`, `The header has no column "${field}"`)));
  if (errors.length > 0) return finish(report(kind, request.dryRun, 0, errors));

  const rows = body.map((cells, i) => ({ number: i + 2, cells })).filter(({ cells }) => cells.some((c) => c !== ''));
  if (rows.length > MAX_IMPORT_ROWS)
    throw new RuleViolationError(
      'TOO_MANY_ROWS',
      say(`一次最多导入 ${MAX_IMPORT_ROWS} 行`, `At most ${MAX_IMPORT_ROWS} rows per import`),
      { rows: rows.length, limit: MAX_IMPORT_ROWS },
    );

  const [stored, departments] = await Promise.all([
    deps.registry.list(kind),
    kind === 'units' ? deps.registry.list('departments') : Promise.resolve([]),
  ]);
  const storedById = new Map(stored.map((e) => [e.id, e]));
  const departmentIds = new Set(departments.map((d) => d.id));
  const firstRowOf = new Map<string, number>();
  const valid: RegistryBody[] = [];

  for (const { number, cells } of rows) {
    const record = Object.fromEntries(columns.flatMap((field, i) => (field && cells[i] ? [[field, cells[i]]] : [])));
    const parsed = bodySchemas[kind].safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join('.') || '(row)';
        const missing = record[field] === undefined;
        errors.push(
          rowError(
            number,
            field,
            missing
              ? say(`“${field}”不能为空`, `${field} is required`)
              : say(`“${field}”的值无效：${issue.message}`, `${field} is not valid: ${issue.message}`),
          ),
        );
      }
      continue;
    }
    const entry: RegistryBody = parsed.data;
    const first = firstRowOf.get(entry.id);
    if (first !== undefined) {
      errors.push(
        rowError(number, 'id', say(`编号 ${entry.id} 与第 ${first} 行重复`, `id ${entry.id} repeats row ${first}`)),
      );
      continue;
    }
    firstRowOf.set(entry.id, number);
    if ('department' in entry && !departmentIds.has(entry.department as string)) {
      errors.push(
        rowError(
          number,
          'department',
          say(
            `名录中没有主管部门 ${entry.department}，请先导入主管部门`,
            `The registry has no department ${entry.department}; import the departments first`,
          ),
        ),
      );
      continue;
    }
    valid.push(entry);
  }

  const changes = valid.filter((entry) => !sameEntry(storedById.get(entry.id), entry));
  const created = changes.filter((entry) => !storedById.has(entry.id)).length;
  const result = {
    ...report(kind, request.dryRun, rows.length, errors),
    created,
    changed: changes.length - created,
    unchanged: valid.length - changes.length,
  };
  if (errors.length > 0 || request.dryRun) return finish(result);

  const at = (deps.now?.() ?? new Date()).toISOString();
  const entries: RegistryEntry[] = changes.map((entry) => ({ ...entry, updatedAt: at, updatedBy: actor.username }));
  await deps.registry.putMany(kind, entries);
  return { ...result, written: true };
};

/** A dry run reports the errors; a real import with errors is refused (422), nothing written. */
const finish = (result: ImportReport): ImportReport => {
  if (result.dryRun || result.errors.length === 0) return result;
  throw new RuleViolationError(
    'IMPORT_ROWS_INVALID',
    say(
      `有 ${result.errors.length} 处错误，未导入任何一行`,
      `${result.errors.length} errors in the table; no row was imported`,
    ),
    { ...result },
  );
};

const report = (kind: RegistryKind, dryRun: boolean, rows: number, errors: RowError[]): ImportReport => ({
  kind,
  dryRun,
  rows,
  created: 0,
  changed: 0,
  unchanged: 0,
  written: false,
  errors,
});
