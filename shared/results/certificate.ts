/**
 * The printable certificate of a winner (notice 七(四)): the title and the honour that comes with it, the year, the name.
 * In Chinese, as the office prints it; in English on request (`lang: 'en'`).
 */
import type { Category } from '../campaigns/schema';
import { escapeHtml, htmlPage } from '../http/html';
import { HONOURS } from '../nominations/forms';

const TITLES: Record<Category, { title: string; honour: string }> = {
  window: { title: '荆门市优质服务窗口', honour: HONOURS.window },
  star: { title: '荆门市窗口行业优质服务明星', honour: HONOURS.star },
};

const TITLES_EN: Record<Category, { title: string; honour: string }> = {
  window: {
    title: 'Jingmen Service Excellence Window',
    honour: 'the title of Jingmen “Workers’ Pioneer” (荆门市“工人先锋号”)',
  },
  star: {
    title: 'Jingmen Service Excellence Star of the Public-Facing Sectors',
    honour: 'the Jingmen May Day Labour Medal (荆门五一劳动奖章)',
  },
};

export type CertificateLang = 'zh' | 'en';

/** The certificate's words in each language. */
const WORDING = {
  zh: (category: Category, year: number) => {
    const { title, honour } = TITLES[category];
    return {
      heading: '荣誉证书',
      intro: `在${year}年度荆门市窗口行业“优质服务窗口、优质服务明星”评选活动中，被评为`,
      honour: `${year}年度${title}`,
      award: `并授予${honour}${category === 'window' ? '称号' : ''}。`,
      issuer: '荆门市文明办 · 荆门市总工会 · 荆门市消费者委员会',
      date: `${year}年`,
    };
  },
  en: (category: Category, year: number) => {
    const { title, honour } = TITLES_EN[category];
    return {
      heading: 'Certificate of Honour',
      intro: `In the ${year} Jingmen campaign for service excellence in the public-facing sectors (Service Excellence Windows and Stars), named`,
      honour: `${year} ${title}`,
      award: `and awarded ${honour}.`,
      issuer: 'Jingmen Civilisation Office · Jingmen Federation of Trade Unions · Jingmen Consumers’ Council',
      date: String(year),
    };
  },
};

export interface CertificateOf {
  category: Category;
  year: number;
  name: string;
  unit?: string;
}

const STYLE = `
  @page { size: A4 landscape; margin: 0; }
  body { margin: 0; font-family: "SimSun", "Songti SC", serif; }
  .sheet { box-sizing: border-box; width: 297mm; height: 210mm; padding: 30mm; border: 6mm double #b22222; text-align: center; }
  .sheet + .sheet { page-break-before: always; break-before: page; }
  h1 { font-size: 40pt; color: #b22222; letter-spacing: 0.3em; margin: 10mm 0; }
  .name { font-size: 30pt; margin: 14mm 0 4mm; }
  .unit { font-size: 16pt; }
  .text { font-size: 18pt; line-height: 2; margin-top: 10mm; }
  .honour { font-size: 22pt; font-weight: bold; }
  .issuer { font-size: 14pt; margin-top: 16mm; }
`;

/** One certificate: one A4 landscape sheet. */
const sheet = ({ category, year, name, unit }: CertificateOf, lang: CertificateLang): string => {
  const words = WORDING[lang](category, year);
  return `<div class="sheet">
  <h1${lang === 'en' ? ' style="letter-spacing: 0.05em"' : ''}>${words.heading}</h1>
  <div class="name">${escapeHtml(name)}</div>
  ${unit ? `<div class="unit">${escapeHtml(unit)}</div>` : ''}
  <div class="text">${words.intro}</div>
  <div class="honour">${words.honour}</div>
  <div class="text">${words.award}</div>
  <div class="issuer">${words.issuer}<br>${words.date}</div>
</div>`;
};

const certificateDocument = (title: string, sheets: string, lang: CertificateLang): string =>
  htmlPage({ title, style: STYLE, body: sheets, lang: lang === 'en' ? 'en' : 'zh-CN' });

/** A one-page A4 landscape HTML certificate. */
export const certificateHtml = (certificate: CertificateOf, lang: CertificateLang = 'zh'): string =>
  certificateDocument(
    `${WORDING[lang](certificate.category, certificate.year).honour} ${certificate.name}`,
    sheet(certificate, lang),
    lang,
  );

/** Every certificate of a campaign in one printable document (in Chinese, as printed), one A4 landscape sheet each. */
export const certificatesHtml = (title: string, certificates: CertificateOf[]): string =>
  certificateDocument(title, certificates.map((c) => sheet(c, 'zh')).join('\n'), 'zh');
