/** The admins' nominations export: every nomination with every form field (personal data included, admins only). */
import type { Campaign } from '../campaigns/schema';
import { toCsv } from '../exports/csv';
import { FORM_FIELDS, type FieldSpec } from './forms';
import { nomineeName, type Nomination } from './nomination';

const CATEGORY_NAMES = { window: '优质服务窗口', star: '优质服务明星' } as const;

/** Both forms' fields, each once (the written account is common to both). */
const formColumns: FieldSpec[] = [...new Map([...FORM_FIELDS.window, ...FORM_FIELDS.star].map((f) => [f.key, f])).values()];

/** The CSV of a campaign's nominations, one row each, with Chinese headers. */
export const nominationsCsv = (campaign: Campaign, nominations: Nomination[]): string => {
  const districtName = new Map(campaign.config.districts.map((d) => [d.id, d.name]));
  const header = [
    '编号', '类别', '县市区', '行业', '主管部门', '申报账号', '名称', '状态',
    ...formColumns.map((f) => f.title),
    '单位意见', '意见时间', '初审结果', '初审理由', '创建时间', '更新时间',
  ];
  const rows = nominations.map((n) => [
    n.id,
    CATEGORY_NAMES[n.category],
    districtName.get(n.district) ?? n.district,
    n.sector,
    n.department,
    n.owner,
    nomineeName(n),
    n.status,
    ...formColumns.map((f) => n.form[f.key]),
    n.endorsement?.opinion,
    n.endorsement?.at,
    n.review ? (n.review.decision === 'approve' ? '通过' : '不通过') : undefined,
    n.review?.reason,
    n.createdAt,
    n.updatedAt,
  ]);
  return toCsv(header, rows);
};
