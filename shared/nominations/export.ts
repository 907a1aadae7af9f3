/**
 * The admins' nominations export: every nomination with every form field (personal data included,
 * admins only), as people read it in Excel: names and statuses in Chinese, times in Beijing time,
 * year-months as text Excel does not turn into dates.
 */
import { CATEGORY_NAMES, type Campaign } from '../campaigns/schema';
import { beijingTime, toCsv } from '../exports/csv';
import type { RegistryNames } from '../registry/registry';
import { FORM_FIELDS, type FieldSpec } from './forms';
import { STATUS_NAMES, disqualificationReason, nomineeName, type Nomination } from './nomination';

/** Both forms' fields, each once (the written account is common to both). */
const formColumns: FieldSpec[] = [
  ...new Map([...FORM_FIELDS.window, ...FORM_FIELDS.star].map((f) => [f.key, f])).values(),
];

/** A form value for the sheet: a year-month `1988-06` as `1988年06月` (Excel would read the former as a date). */
const formCell = (field: FieldSpec, value: string | string[] | undefined) =>
  field.kind.type === 'month' && typeof value === 'string' ? value.replace(/^(\d{4})-(\d{2})$/, '$1年$2月') : value;

/**
 * The CSV of a campaign's nominations, one row each, with Chinese headers. The department and the
 * unit are shown by their registry names (the id when the registry does not hold it).
 */
export const nominationsCsv = (campaign: Campaign, nominations: Nomination[], names: RegistryNames): string => {
  const districtName = new Map(campaign.config.districts.map((d) => [d.id, d.name]));
  const header = [
    '编号',
    '类别',
    '县市区',
    '行业',
    '主管部门',
    '申报单位',
    '申报账号',
    '名称',
    '状态',
    ...formColumns.map((f) => f.title),
    '单位意见',
    '意见时间（北京时间）',
    '初审结果',
    '初审理由',
    '取消资格理由',
    '创建时间（北京时间）',
    '更新时间（北京时间）',
  ];
  const rows = nominations.map((n) => [
    n.id,
    CATEGORY_NAMES[n.category],
    districtName.get(n.district) ?? n.district,
    n.sector,
    names.departments.get(n.department) ?? n.department,
    n.unit ? (names.units.get(n.unit) ?? n.unit) : undefined,
    n.owner,
    nomineeName(n),
    STATUS_NAMES[n.status],
    ...formColumns.map((f) => formCell(f, n.form[f.key])),
    n.endorsement?.opinion,
    beijingTime(n.endorsement?.at),
    n.review ? STATUS_NAMES[n.review.decision === 'approve' ? 'approved' : 'rejected'] : undefined,
    n.review?.reason,
    disqualificationReason(n),
    beijingTime(n.createdAt),
    beijingTime(n.updatedAt),
  ]);
  return toCsv(header, rows);
};
