/**
 * The newspaper-ready lists (公示名单, and the list of the announced winners): for each candidate only the category,
 * the district, the name (a star's name, a window's unit name), a star's work unit and the sector, as an A4 print page
 * and as CSV for Excel. Rows are built field by field from what the public already sees, so personal data (mobiles,
 * birth month, native place, political status, education, contact numbers) cannot reach them.
 */
import type { Campaign, Category } from '../campaigns/schema';
import { CATEGORIES } from '../campaigns/schema';
import { toCsv } from '../exports/csv';
import type { Candidate } from '../judging/candidates';
import { escapeHtml, htmlPage } from '../http/html';
import type { Nomination } from '../nominations/nomination';
import { nomineeName } from '../nominations/nomination';
import { finalWinners, type ResultsState } from '../results/results';

export const LIST_FORMATS = ['html', 'csv'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

const CATEGORY_NAMES: Record<Category, string> = { window: '优质服务窗口', star: '优质服务明星' };

export interface ListRow {
  category: Category;
  district: string;
  districtName: string;
  /** The star's name, or the window's unit name. */
  name: string;
  /** The star's work unit; empty for a window (its name is the unit). */
  unit: string;
  sector: string;
}

export interface PublicationList {
  /** The page's heading (荆门市...). */
  title: string;
  /** The file name, without extension. */
  fileName: string;
  rows: ListRow[];
}

const collator = new Intl.Collator('zh-CN');

/** By category (窗口, then 明星), then district in the campaign's order, then name (pinyin order). */
const byCategoryDistrictName =
  (districtOrder: string[]) =>
  (a: ListRow, b: ListRow): number =>
    CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
    districtOrder.indexOf(a.district) - districtOrder.indexOf(b.district) ||
    collator.compare(a.name, b.name);

const formText = (nomination: Nomination, key: string): string => {
  const value = nomination.form[key];
  return typeof value === 'string' ? value : '';
};

/** The candidate list on public notice: every standing (approved) candidate, sorted for print. */
export const publicityList = (campaign: Campaign, approved: Nomination[]): PublicationList => {
  const districtName = new Map(campaign.config.districts.map((d) => [d.id, d.name]));
  const rows = approved.map(
    (n): ListRow => ({
      category: n.category,
      district: n.district,
      districtName: districtName.get(n.district) ?? n.district,
      name: nomineeName(n),
      unit: n.category === 'star' ? formText(n, 'workUnit') : '',
      sector: n.sector,
    }),
  );
  return {
    title: `荆门市${campaign.config.year}年度窗口行业优质服务窗口、优质服务明星候选名单公示`,
    fileName: `publicity-list-${campaign.id}`,
    rows: rows.sort(byCategoryDistrictName(campaign.config.districts.map((d) => d.id))),
  };
};

/** The announced winners (after overrides, never the disqualified), sorted as the candidate list is. */
export const resultsList = (state: ResultsState, candidates: Candidate[]): PublicationList => {
  const { campaign, document } = state;
  const byId = new Map(candidates.map((c) => [c.nominationId, c]));
  const rows = finalWinners(state).map((r): ListRow => {
    const candidate = byId.get(r.nominationId);
    const unit = candidate?.materials.find((m) => m.key === 'workUnit')?.value;
    return {
      category: r.category,
      district: r.district,
      districtName: document.districtNames[r.district] ?? r.district,
      name: r.name,
      unit: r.category === 'star' && typeof unit === 'string' ? unit : '',
      sector: candidate?.sector ?? '',
    };
  });
  return {
    title: `荆门市${document.year}年度窗口行业优质服务窗口、优质服务明星评选结果`,
    fileName: `results-list-${campaign.id}`,
    rows: rows.sort(byCategoryDistrictName(document.config.districts.map((d) => d.id))),
  };
};

/** The list as CSV for Excel (BOM, CRLF): 序号, 类别, 县市区, 名称, 工作单位, 行业. */
export const listCsv = ({ rows }: PublicationList): string =>
  toCsv(
    ['序号', '类别', '县市区', '名称（姓名）', '工作单位', '行业'],
    rows.map((r, i) => [i + 1, CATEGORY_NAMES[r.category], r.districtName, r.name, r.unit, r.sector]),
  );

const STYLE = `
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; color: #000; margin: 0; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 8mm; }
h2 { font-size: 13pt; margin: 6mm 0 3mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; word-break: break-all; }
th { font-weight: bold; text-align: center; }
td.n { text-align: center; width: 12mm; }
tr { page-break-inside: avoid; break-inside: avoid; }
thead { display: table-header-group; }
@media screen { body { max-width: 210mm; margin: 10mm auto; } }
`;

const categoryTable = (category: Category, rows: ListRow[]): string => {
  const star = category === 'star';
  const header = `<tr><th>序号</th><th>县市区</th><th>${star ? '姓名' : '单位名称'}</th>${star ? '<th>工作单位</th>' : ''}<th>行业</th></tr>`;
  const body = rows
    .map(
      (r, i) =>
        `<tr><td class="n">${i + 1}</td><td>${escapeHtml(r.districtName)}</td><td>${escapeHtml(r.name)}</td>${star ? `<td>${escapeHtml(r.unit)}</td>` : ''}<td>${escapeHtml(r.sector)}</td></tr>`,
    )
    .join('\n');
  return `<h2>${escapeHtml(CATEGORY_NAMES[category])}（${rows.length}）</h2>
<table><thead>${header}</thead><tbody>
${body}
</tbody></table>`;
};

/** The list as an A4 print page in Chinese: the heading, then one table per category. */
export const listHtml = ({ title, rows }: PublicationList): string =>
  htmlPage({
    title,
    style: STYLE,
    body: `<h1>${escapeHtml(title)}</h1>
${CATEGORIES.map((category) =>
  categoryTable(
    category,
    rows.filter((r) => r.category === category),
  ),
).join('\n')}`,
  });
