/**
 * The registry through the API: one entry at a time, and imports from CSV and .xlsx with a dry run
 * first, per-row errors, nothing written while any row is wrong, and re-imports that change nothing.
 * Ids carry a per-run prefix: the registry is one partition every test file shares.
 */
import { randomBytes } from 'node:crypto';
import writeXlsxFile from 'write-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../support/api';

const run = `t${randomBytes(3).toString('hex')}`;
const id = (name: string) => `${run}-${name}`;

let admin: string;
const ids = async (kind: 'departments' | 'units') =>
  ((await api('GET', `/registry/${kind}`, { token: admin })).body[kind] as Array<{ id: string }>)
    .map((e) => e.id)
    .filter((e) => e.startsWith(run));
const importTable = (body: Record<string, unknown>) => api('POST', '/registry/import', { token: admin, body });
const xlsx = async (rows: string[][]) =>
  (await writeXlsxFile(rows.map((row) => row.map((value) => ({ value })))).toBuffer()).toString('base64');

beforeAll(async () => {
  admin = await login('admin');
});

describe('registry entries', () => {
  it('creates (201) and changes (200) one department; a unit needs a department of the registry (422)', async () => {
    const department = { id: id('health'), name: '卫生健康局', district: 'dongbao', sector: '医院' };
    const created = await api('PUT', '/registry/departments', { token: admin, body: department });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...department, updatedBy: 'admin' });
    const changed = await api('PUT', '/registry/departments', {
      token: admin,
      body: { ...department, name: '东宝区卫生健康局' },
    });
    expect(changed.status).toBe(200);
    const list = await api('GET', '/registry/departments', { token: admin });
    expect(list.body.departments).toContainEqual(
      expect.objectContaining({ id: department.id, name: '东宝区卫生健康局' }),
    );

    const orphan = await api('PUT', '/registry/units', {
      token: admin,
      body: { id: id('orphan'), name: '无主单位', district: 'dongbao', department: id('nowhere') },
    });
    expect(orphan.status).toBe(422);
    expect(orphan.body.error).toMatchObject({
      code: 'UNKNOWN_DEPARTMENT',
      messageEn: expect.stringContaining('department'),
    });
    expect(orphan.body.error.message).toMatch(/主管部门/);
    expect(await ids('units')).not.toContain(id('orphan'));

    const bad = await api('PUT', '/registry/units', { token: admin, body: { id: 'has space', name: '' } });
    expect(bad.status).toBe(400);
  });

  it('holds the demo seed: named departments and units', async () => {
    const units = (await api('GET', '/registry/units', { token: admin })).body.units;
    expect(units).toContainEqual(
      expect.objectContaining({ id: 'dongbao-hospital', name: '东宝区人民医院', department: 'dongbao-health' }),
    );
  });

  it('refuses staff who are not admins', async () => {
    expect((await api('GET', '/registry/units', { token: await login('district-city') })).status).toBe(403);
  });
});

describe('registry import', () => {
  const departmentsCsv = [
    '编号,名称,县市区,行业',
    `${id('tax')},"税务局, 东宝分局",dongbao,税务`,
    `${id('gas')},燃气公司,city,燃气`,
    '',
  ].join('\r\n');

  it('dry-runs a CSV with bad rows: each error with its row and field, in Chinese and English; nothing written', async () => {
    const csv = [
      'id,name,district,sector',
      `${id('ok')},好部门,city,`,
      `${id('noname')},,city,`,
      `bad id!,坏编号,city,`,
      `${id('ok')},重复,city,`,
    ].join('\n');
    for (const dryRun of [true, false]) {
      const res = await importTable({ kind: 'departments', format: 'csv', content: csv, dryRun });
      const report = dryRun ? res.body : res.body.error.details;
      expect(res.status).toBe(dryRun ? 200 : 422);
      if (!dryRun) expect(res.body.error.code).toBe('IMPORT_ROWS_INVALID');
      expect(report).toMatchObject({ rows: 4, written: false, created: 1 });
      expect(report.errors).toEqual([
        expect.objectContaining({ row: 3, field: 'name', message: '“name”不能为空', messageEn: 'name is required' }),
        expect.objectContaining({ row: 4, field: 'id' }),
        expect.objectContaining({ row: 5, field: 'id', messageEn: `id ${id('ok')} repeats row 2` }),
      ]);
      for (const error of report.errors) expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await ids('departments')).not.toContain(id('ok'));
  });

  it('reports unknown and missing columns on row 1', async () => {
    const res = await importTable({ kind: 'units', format: 'csv', content: 'id,name,colour\nx,y,z' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 1, field: 'colour', messageEn: 'Unknown column "colour"' }),
      expect.objectContaining({ row: 1, field: 'district' }),
      expect.objectContaining({ row: 1, field: 'department' }),
    ]);
  });

  it('imports a CSV (Chinese headers, quoted commas) only with dryRun false, and a second time changes nothing', async () => {
    const dry = await importTable({ kind: 'departments', format: 'csv', content: departmentsCsv });
    expect(dry.body).toMatchObject({ dryRun: true, rows: 2, created: 2, written: false, errors: [] });
    expect(await ids('departments')).not.toContain(id('tax'));

    const real = await importTable({ kind: 'departments', format: 'csv', content: departmentsCsv, dryRun: false });
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ dryRun: false, created: 2, changed: 0, written: true, errors: [] });
    const departments = (await api('GET', '/registry/departments', { token: admin })).body.departments;
    expect(departments).toContainEqual(
      expect.objectContaining({ id: id('tax'), name: '税务局, 东宝分局', district: 'dongbao', sector: '税务' }),
    );

    const again = await importTable({ kind: 'departments', format: 'csv', content: departmentsCsv, dryRun: false });
    expect(again.body).toMatchObject({ created: 0, changed: 0, unchanged: 2, written: true });
  });

  it('imports units from .xlsx, checking each unit department against the registry', async () => {
    await importTable({ kind: 'departments', format: 'csv', content: departmentsCsv, dryRun: false });
    const header = ['编号', '名称', '县市区', '主管部门', '行业'];
    const good = [id('tax-hall'), '东宝区办税服务厅', 'dongbao', id('tax'), '税务'];
    const orphan = [id('lost'), '无主单位', 'city', id('missing'), ''];

    const withError = await xlsx([header, good, orphan]);
    const dry = await importTable({ kind: 'units', format: 'xlsx', content: withError });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: 2, created: 1, written: false });
    expect(dry.body.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'department', messageEn: expect.stringContaining(id('missing')) }),
    ]);
    const refused = await importTable({ kind: 'units', format: 'xlsx', content: withError, dryRun: false });
    expect(refused.status).toBe(422);
    expect(await ids('units')).not.toContain(id('tax-hall'));

    const clean = await xlsx([header, good]);
    const real = await importTable({ kind: 'units', format: 'xlsx', content: clean, dryRun: false });
    expect(real.body).toMatchObject({ created: 1, written: true, errors: [] });
    const units = (await api('GET', '/registry/units', { token: admin })).body.units;
    expect(units).toContainEqual(
      expect.objectContaining({ id: id('tax-hall'), department: id('tax'), sector: '税务' }),
    );

    const changed = await xlsx([header, [good[0]!, '东宝区办税服务厅（新址）', ...good.slice(2)]]);
    const again = await importTable({ kind: 'units', format: 'xlsx', content: changed, dryRun: false });
    expect(again.body).toMatchObject({ created: 0, changed: 1, unchanged: 0 });
  });

  it('refuses content that is not an .xlsx workbook (400)', async () => {
    const res = await importTable({
      kind: 'units',
      format: 'xlsx',
      content: Buffer.from('not a zip').toString('base64'),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_FILE');
  });
});
