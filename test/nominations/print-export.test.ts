import { describe, expect, it } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import type { Campaign } from '../../shared/campaigns/schema';
import { csvCell, toCsv } from '../../shared/exports/csv';
import { nominationsCsv } from '../../shared/nominations/export';
import type { Nomination } from '../../shared/nominations/nomination';
import { renderPrintableForm } from '../../shared/nominations/print';
import { starForm, windowForm } from './fixtures';

const campaign: Campaign = {
  id: 'c1',
  stage: 'nomination',
  config: campaign2019,
  stageChangedAt: '2019-04-09T00:00:00+08:00',
  createdAt: '2019-04-01T00:00:00+08:00',
  createdBy: 'admin',
  version: 2,
};
const nomination = (overrides: Partial<Nomination> = {}): Nomination => ({
  id: 'c1.abc',
  campaignId: 'c1',
  category: 'star',
  district: 'dongbao',
  department: 'dongbao-health',
  owner: 'applicant-dongbao',
  sector: '医院',
  form: starForm(),
  status: 'endorsed',
  history: [{ status: 'draft', at: '2019-05-01T00:00:00.000Z', by: 'applicant-dongbao' }],
  endorsement: { opinion: '同意推荐', by: 'dept-dongbao', at: '2019-06-30T17:00:00.000Z' },
  createdAt: '2019-05-01T00:00:00.000Z',
  updatedAt: '2019-06-30T17:00:00.000Z',
  version: 4,
  ...overrides,
});
const names = {
  departments: new Map([['dongbao-health', '东宝区卫生健康局']]),
  units: new Map([['dongbao-hospital', '东宝区人民医院']]),
};

describe('printable form', () => {
  it('lays out the star form on A4 with labels, photo box, hobby boxes, stamp and date (Asia/Shanghai)', () => {
    const html = renderPrintableForm(nomination(), { campaignName: campaign2019.name });
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('荆门市窗口行业优质服务明星评选申报表');
    for (const label of [
      '姓　名',
      '籍　贯',
      '政治面貌',
      '学历及毕业院校',
      '微笑宣言',
      '爱好特长',
      '推荐单位意见',
      '（盖章）',
      '2寸照片',
    ])
      expect(html).toContain(label);
    expect(html).toContain('☑ 唱歌');
    expect(html).toContain('☐ 舞蹈');
    expect(html).toContain('2019年7月1日'); // 17:00Z on June 30 is July 1 in Shanghai
    expect(html).toContain('break-before: page'); // the written account on the back
  });

  it('prints empty date boxes before endorsement and the window layout', () => {
    const html = renderPrintableForm(nomination({ category: 'window', form: windowForm(), endorsement: undefined }), {
      campaignName: 'x',
    });
    expect(html).toContain('单位服务宣言或服务理念');
    expect(html).toContain('年　　月　　日');
    expect(html).toContain('近期5寸单位形象照片');
  });

  it('names the department and unit in the footer (their ids when the registry holds no name)', () => {
    const named = renderPrintableForm(nomination({ unit: 'dongbao-hospital' }), {
      campaignName: 'x',
      departmentName: '东宝区卫生健康局',
      unitName: '东宝区人民医院',
    });
    expect(named).toContain('主管部门 东宝区卫生健康局 · 申报单位 东宝区人民医院');
    expect(named).not.toContain('dongbao-health');
    expect(renderPrintableForm(nomination(), { campaignName: 'x' })).toContain('主管部门 dongbao-health');
  });

  it('shows the status in Chinese in the footer', () => {
    const html = renderPrintableForm(nomination({ status: 'approved' }), { campaignName: 'x' });
    expect(html).toContain('状态 通过');
    expect(html).not.toContain('approved');
  });

  it('escapes every value', () => {
    const html = renderPrintableForm(
      nomination({ form: starForm({ name: '<script>alert(1)</script>', honours: '"><img src=x onerror=alert(1)>' }) }),
      {
        campaignName: '<b>',
        photoUrl: 'https://example.com/p.jpg?a=1&b="2"',
      },
    );
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('src="https://example.com/p.jpg?a=1&amp;b=&quot;2&quot;"');
  });

  it('prints the declarations with their boxes, 其他 with its text and the window honours beside its deeds', () => {
    const star = renderPrintableForm(
      nomination({
        form: starForm({ hobbies: ['唱歌', '其他'], hobbiesOther: '书法<b>', declarations: ['廉洁奉公'] }),
      }),
      { campaignName: 'x' },
    );
    expect(star).toContain('☑ 其他：书法&lt;b&gt;');
    expect(star).toContain('☐ 本人一年内没有发生过错性群众投诉事件');
    expect(star).toContain('☑ 本人严格遵守法律法规和窗口办件制度，严以律己，廉洁奉公');
    const window = renderPrintableForm(
      nomination({ category: 'window', form: windowForm({ honours: '2018年度全市青年文明号' }) }),
      { campaignName: 'x' },
    );
    expect(window).toMatch(/2018年度全市青年文明号\n2018年度全市文明窗口/);
    expect(window).toContain('☑ 本单位一年内没有发生过错性群众投诉事件');
  });
});

/** The CSV as rows of cells (RFC 4180 quoting), without the BOM. */
const parseCsv = (csv: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted && c === '"' && csv[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && csv[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
};

/** Each data row as `{header: cell}`. */
const records = (csv: string) => {
  const [header, ...rows] = parseCsv(csv);
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]])));
};

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    for (const formula of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x'])
      expect(csvCell(formula).startsWith("'") || csvCell(formula).startsWith(`"'`)).toBe(true);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(['唱歌', '绘画'])).toBe('唱歌、绘画');
  });

  it('starts with a BOM and ends every row with CRLF', () => {
    const csv = toCsv(['a', 'b'], [[1, 'x']]);
    expect(csv).toBe('\uFEFFa,b\r\n1,x\r\n');
  });

  it('exports every nomination with its form, personal data included, one row each', () => {
    const csv = nominationsCsv(
      campaign,
      [
        nomination(),
        nomination({
          id: 'c1.def',
          category: 'window',
          form: windowForm({ unitName: '=cmd|x' }),
          endorsement: undefined,
        }),
      ],
      names,
    );
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4); // header, two rows, trailing empty
    expect(lines[0]).toContain('手机号码');
    expect(lines[0]).toContain('出生年月');
    expect(lines[1]).toContain('13700000003');
    expect(lines[1]).toContain('东宝区');
    expect(lines[1]).toContain('同意推荐');
    expect(lines[2]).toContain("'=cmd|x");
  });

  it('reads as people read it: department and unit names, statuses in Chinese, Beijing time, birth month as text, the disqualification ruling', () => {
    const disqualified = nomination({
      unit: 'dongbao-hospital',
      status: 'disqualified',
      review: { decision: 'approve', reason: '材料齐全', by: 'admin', at: '2019-07-10T01:30:00.000Z' },
      history: [
        { status: 'approved', at: '2019-07-10T01:30:00.000Z', by: 'admin', note: '材料齐全' },
        {
          status: 'disqualified',
          at: '2019-07-20T02:00:00.000Z',
          by: 'admin',
          note: '异议成立 (objection upheld): 一年内有有效投诉',
        },
      ],
      updatedAt: '2019-07-20T02:00:00.000Z',
    });
    const rejected = nomination({
      id: 'c1.rej',
      status: 'rejected',
      review: { decision: 'reject', reason: '不符合条件', by: 'admin', at: '2019-07-11T00:00:00.000Z' },
    });
    const csv = nominationsCsv(
      campaign,
      [disqualified, rejected, nomination({ id: 'c1.end', department: 'gone' })],
      names,
    );
    const [header] = parseCsv(csv);
    expect(header).toEqual(
      expect.arrayContaining([
        '主管部门',
        '申报单位',
        '意见时间（北京时间）',
        '取消资格理由',
        '创建时间（北京时间）',
        '更新时间（北京时间）',
      ]),
    );
    const [first, second, third] = records(csv);
    expect(first).toMatchObject({
      主管部门: '东宝区卫生健康局',
      申报单位: '东宝区人民医院',
      状态: '取消资格',
      初审结果: '通过',
      取消资格理由: '异议成立 (objection upheld): 一年内有有效投诉',
      出生年月: '1990年05月',
      '意见时间（北京时间）': '2019-07-01 01:00',
      '创建时间（北京时间）': '2019-05-01 08:00',
      '更新时间（北京时间）': '2019-07-20 10:00',
    });
    expect(second).toMatchObject({ 状态: '未通过', 初审结果: '未通过', 初审理由: '不符合条件', 取消资格理由: '' });
    // A department the registry does not hold is shown by its id.
    expect(third).toMatchObject({ 状态: '已评估', 初审结果: '', 主管部门: 'gone' });
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/); // no UTC ISO times left
  });
});
