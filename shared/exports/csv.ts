/**
 * CSV that opens cleanly in Excel (RFC 4180): UTF-8 with a byte-order mark, CRLF line ends, every
 * cell quoted when it holds a comma, quote or line break, and cells that Excel would read as a
 * formula (starting with = + - @, or tab/CR) prefixed with `'` (CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: text as is, numbers as digits, nothing for null/undefined; formula starts defused, quoted when needed. */
export const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join('、') : String(value);
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The whole file: BOM, header row, then one row per record, CRLF after each. */
export const toCsv = (header: string[], rows: unknown[][]): string =>
  `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;

const BEIJING_TIME = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * An ISO instant as Beijing time (Asia/Shanghai, the campaign's time zone) to the minute: `2019-07-10 09:30`; nothing
 * for none.
 */
export const beijingTime = (iso: string | undefined): string | undefined => {
  if (iso === undefined) return undefined;
  const part = Object.fromEntries(BEIJING_TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
};
