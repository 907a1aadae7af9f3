import { describe, expect, it } from 'vitest';
import type { Nomination } from '../../shared/nominations/nomination';
import { renderPrintableForm, renderPrintableForms } from '../../shared/nominations/print';
import { listCsv, listHtml, publicityList } from '../../shared/publications/lists';
import { certificateHtml, certificatesHtml } from '../../shared/results/certificate';
import { campaignIn } from '../support/campaign';
import { starForm, windowForm } from '../nominations/fixtures';

const campaign = campaignIn('publicity');
let n = 0;
const approved = (category: 'window' | 'star', district: string, form: Nomination['form']): Nomination => ({
  id: `c1.n${++n}`,
  campaignId: 'c1',
  category,
  district,
  department: 'd',
  owner: 'o',
  sector: '银行',
  form,
  status: 'approved',
  history: [],
  createdAt: '2019-05-01T00:00:00.000Z',
  updatedAt: '2019-05-01T00:00:00.000Z',
  version: 1,
});

describe('the newspaper-ready lists', () => {
  it('escapes every value on the print page and defuses formulas in the CSV', () => {
    const list = publicityList(campaign, [
      approved('window', 'city', windowForm({ unitName: '<script>alert(1)</script>窗口' })),
      approved('star', 'city', starForm({ name: '=HYPERLINK("x")', workUnit: '银行 & 支行' })),
    ]);
    const html = listHtml(list);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;窗口');
    expect(html).toContain('银行 &amp; 支行');
    const csv = listCsv(list);
    expect(csv.startsWith('\uFEFF序号,类别,县市区,名称（姓名）,工作单位,行业\r\n')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("sorts by category, then district in the campaign's order, then name", () => {
    const list = publicityList(campaign, [
      approved('star', 'city', starForm({ name: '乙' })),
      approved('window', 'zhanghe', windowForm({ unitName: '漳河窗口' })),
      approved('window', 'city', windowForm({ unitName: '市直窗口' })),
      approved('star', 'city', starForm({ name: '甲' })),
    ]);
    expect(list.rows.map((r) => [r.category, r.districtName, r.name])).toEqual([
      ['window', '市直', '市直窗口'],
      ['window', '漳河新区', '漳河窗口'],
      ['star', '市直', '甲'],
      ['star', '市直', '乙'],
    ]);
  });
});

describe('documents of many pages', () => {
  it('prints several forms as one document, each as it prints alone, a new page each', () => {
    const forms = [
      approved('window', 'city', windowForm({ unitName: '窗口一' })),
      approved('star', 'city', starForm({ name: '明星二' })),
    ];
    const html = renderPrintableForms(
      '荆门市 · 市直',
      forms.map((nomination) => ({ nomination, options: { campaignName: 'x' } })),
    );
    expect(html.match(/<article class="form-page">/g)).toHaveLength(2);
    for (const nomination of forms) {
      const alone = renderPrintableForm(nomination, { campaignName: 'x' });
      const body = alone.slice(alone.indexOf('<body>\n') + 7, alone.indexOf('\n</body>'));
      expect(html).toContain(`<article class="form-page">${body}</article>`);
    }
  });

  it('prints every certificate as one document, one sheet each, as each prints alone', () => {
    const winners = [
      { category: 'window' as const, year: 2019, name: '窗口一' },
      { category: 'star' as const, year: 2019, name: '明星二', unit: '单位' },
    ];
    const html = certificatesHtml('证书', winners);
    expect(html.match(/<div class="sheet">/g)).toHaveLength(2);
    for (const winner of winners) {
      const alone = certificateHtml(winner);
      expect(html).toContain(alone.slice(alone.indexOf('<div class="sheet">'), alone.indexOf('\n</body>')));
    }
  });
});
