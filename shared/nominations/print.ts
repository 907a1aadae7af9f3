/**
 * The printable application form (notice: "请用 A4 纸正反面打印", 一式两份): the filled annex 2 or 3
 * as an A4 HTML page, with the annex's Chinese labels in a bordered table, the photo box, the
 * opinion with its stamp (盖章) and date boxes, and the written account on the back. Every value is
 * HTML-escaped; the page loads nothing but the photo URLs it is given.
 */
import { DECLARATION_TEXTS, DECLARATIONS, FORM_FIELDS, HOBBIES, OTHER_HOBBY, formNotes } from './forms';
import { STATUS_NAMES, type Nomination } from './nomination';

import { escapeHtml, htmlPage } from '../http/html';

/** A date as the form prints it, in Asia/Shanghai: 2019年7月1日. */
const chineseDate = (iso: string): string => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date(iso));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return `${part('year')}年${part('month')}月${part('day')}日`;
};

const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; color: #000; margin: 0; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 10mm; letter-spacing: 1pt; }
table.form { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.form th, table.form td { border: 1px solid #000; padding: 2mm 2.5mm; vertical-align: middle; word-break: break-all; white-space: pre-wrap; }
table.form th { font-weight: normal; text-align: center; width: 22mm; }
td.tall { height: 45mm; vertical-align: top; }
td.photo { text-align: center; color: #555; }
td.photo img { max-width: 100%; max-height: 40mm; }
.stamp { margin-top: 12mm; text-align: right; padding-right: 10mm; line-height: 2; }
.box { display: inline-block; border: 1px dashed #777; width: 38mm; height: 38mm; text-align: center; line-height: 38mm; color: #777; }
.notes { font-size: 9pt; margin-top: 4mm; line-height: 1.6; }
.account { page-break-before: always; break-before: page; }
.account h2 { font-size: 14pt; text-align: center; }
.account .text { white-space: pre-wrap; line-height: 1.8; text-indent: 2em; }
.meta { font-size: 8pt; color: #555; margin-top: 3mm; }
.form-page + .form-page { page-break-before: always; break-before: page; }
@media screen { body { max-width: 210mm; margin: 10mm auto; } }
`;

export interface PrintOptions {
  /** Presigned URL of the star's portrait or the window's unit photo, when there is a verified one. */
  photoUrl?: string;
  campaignName: string;
  /** The day the forms are due at the office (the campaign's forward deadline), printed in the 说明. */
  deadline?: string;
  /** The registry's names of the nomination's department and unit. */
  departmentName?: string;
  unitName?: string;
}

/** The form's 说明, with the deadline when there is one. */
const notes = (n: Nomination, options: PrintOptions): string => {
  const [first, second] = formNotes(n.category, options.deadline);
  return `<div class="notes">说明：1. ${escapeHtml(first)}<br>\n2. ${escapeHtml(second)}</div>`;
};

const value = (nomination: Nomination, key: string): string => {
  const v = nomination.form[key];
  return escapeHtml(Array.isArray(v) ? v.join('、') : (v ?? ''));
};

const label = (nomination: Nomination, key: string): string =>
  escapeHtml(FORM_FIELDS[nomination.category].find((f) => f.key === key)?.title ?? key);

/** The opinion cell: the department's opinion once endorsed, with the stamp and date boxes. */
const opinionCell = (nomination: Nomination): string => {
  const e = nomination.endorsement;
  return `<div>${e ? escapeHtml(e.opinion) : ''}</div><div class="stamp">（盖章）<br>${e ? escapeHtml(chineseDate(e.at)) : '年　　月　　日'}</div>`;
};

const photoCell = (options: PrintOptions, text: string): string =>
  options.photoUrl
    ? `<img src="${escapeHtml(options.photoUrl)}" alt="${escapeHtml(text)}">`
    : `<span class="box">${escapeHtml(text)}</span>`;

const windowTable = (n: Nomination, options: PrintOptions): string => `
<table class="form">
  <colgroup><col style="width:22mm"><col><col style="width:22mm"><col></colgroup>
  <tr><th>单位名称</th><td>${value(n, 'unitName')}</td><th>电　话</th><td>${value(n, 'phone')}</td></tr>
  <tr><th rowspan="2">单位地址</th><td rowspan="2">${value(n, 'address')}</td><th>负 责 人</th><td>${value(n, 'head')}</td></tr>
  <tr><th>手机号码</th><td>${value(n, 'headMobile')}</td></tr>
  <tr><th rowspan="2">经办人</th><td rowspan="2">${value(n, 'handler')}</td><th>职　务</th><td>${value(n, 'handlerPost')}</td></tr>
  <tr><th>手机号码</th><td>${value(n, 'handlerMobile')}</td></tr>
  <tr><th>${label(n, 'declaration')}</th><td colspan="3" class="tall">${value(n, 'declaration')}</td></tr>
  <tr><th>${label(n, 'deeds')}</th><td colspan="3" class="tall">${value(n, 'honours')}${n.form.honours ? '\n' : ''}${value(n, 'deeds')}</td></tr>
  <tr><th>申报承诺</th><td colspan="3">${declarationList(n)}</td></tr>
  <tr><th>单位意见</th><td colspan="3">${opinionCell(n)}</td></tr>
  <tr><th>单位形象照片</th><td colspan="3" class="photo">${photoCell(options, '近期5寸单位形象照片')}</td></tr>
</table>
${notes(n, options)}`;

const hobbyBoxes = (n: Nomination): string => {
  const chosen = new Set(Array.isArray(n.form.hobbies) ? n.form.hobbies : []);
  const other = chosen.has(OTHER_HOBBY) ? `：${value(n, 'hobbiesOther')}` : '';
  return HOBBIES.map((h) => `${chosen.has(h) ? '☑' : '☐'} ${escapeHtml(h)}${h === OTHER_HOBBY ? other : ''}`).join(
    '　',
  );
};

/** The declarations, each with its box ticked when the applicant made it. */
const declarationList = (n: Nomination): string => {
  const made = new Set(Array.isArray(n.form.declarations) ? n.form.declarations : []);
  return DECLARATIONS.map((d) => `${made.has(d) ? '☑' : '☐'} ${escapeHtml(DECLARATION_TEXTS[n.category][d])}`).join(
    '<br>',
  );
};

const starTable = (n: Nomination, options: PrintOptions): string => `
<table class="form">
  <colgroup><col style="width:20mm"><col><col style="width:16mm"><col><col style="width:18mm"><col><col style="width:36mm"></colgroup>
  <tr><th>姓　名</th><td>${value(n, 'name')}</td><th>性别</th><td>${value(n, 'sex')}</td><th>出生年月</th><td>${value(n, 'birthMonth')}</td>
      <td rowspan="4" class="photo">${photoCell(options, '2寸照片')}</td></tr>
  <tr><th>籍　贯</th><td colspan="2">${value(n, 'nativePlace')}</td><th>政治面貌</th><td colspan="2">${value(n, 'politicalStatus')}</td></tr>
  <tr><th>工作单位和岗位</th><td colspan="5">${value(n, 'workUnit')}　${value(n, 'post')}</td></tr>
  <tr><th>学历及毕业院校</th><td colspan="5">${value(n, 'education')}　${value(n, 'school')}</td></tr>
  <tr><th>手机号码</th><td colspan="6">${value(n, 'mobile')}</td></tr>
  <tr><th>微笑宣言</th><td colspan="3">${value(n, 'smileDeclaration')}</td><th>爱好特长</th><td colspan="2">${hobbyBoxes(n)}</td></tr>
  <tr><th>个人主要简历（从业经历和职业技能）</th><td colspan="6" class="tall">${value(n, 'resume')}</td></tr>
  <tr><th>以往获得荣誉</th><td colspan="6">${value(n, 'honours')}</td></tr>
  <tr><th>申报承诺</th><td colspan="6">${declarationList(n)}</td></tr>
  <tr><th>推荐单位意见</th><td colspan="6">${opinionCell(n)}</td></tr>
</table>
${notes(n, options)}`;

const TITLES = { window: '荆门市优质服务窗口评选申报表', star: '荆门市窗口行业优质服务明星评选申报表' } as const;

/** One filled form: the annex table, then the written account on a page of its own. */
const formSection = (
  nomination: Nomination,
  options: PrintOptions,
): string => `<h1>${escapeHtml(TITLES[nomination.category])}</h1>
${nomination.category === 'window' ? windowTable(nomination, options) : starTable(nomination, options)}
<div class="meta">${escapeHtml(options.campaignName)} · 编号 ${escapeHtml(nomination.id)} · 主管部门 ${escapeHtml(options.departmentName ?? nomination.department)}${nomination.unit ? ` · 申报单位 ${escapeHtml(options.unitName ?? nomination.unit)}` : ''} · 行业 ${escapeHtml(nomination.sector)} · 状态 ${escapeHtml(STATUS_NAMES[nomination.status])}</div>
<section class="account">
<h2>评选文字材料</h2>
<div class="text">${value(nomination, 'account')}</div>
</section>`;

const formsDocument = (title: string, body: string): string => htmlPage({ title, style: STYLE, body });

/** The filled application form as a printable A4 page (front: the annex table; back: the written account). */
export const renderPrintableForm = (nomination: Nomination, options: PrintOptions): string =>
  formsDocument(TITLES[nomination.category], formSection(nomination, options));

/**
 * Several filled forms as one printable document (a district's forms): each form starts on a new page, under the
 * document's title, each as `renderPrintableForm` prints it alone.
 */
export const renderPrintableForms = (
  title: string,
  forms: Array<{ nomination: Nomination; options: PrintOptions }>,
): string =>
  formsDocument(
    title,
    forms.length === 0
      ? `<h1>${escapeHtml(title)}</h1><p>（无申报表）</p>`
      : forms
          .map(({ nomination, options }) => `<article class="form-page">${formSection(nomination, options)}</article>`)
          .join('\n'),
  );
