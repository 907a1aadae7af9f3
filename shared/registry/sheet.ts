/**
 * The rows of an imported table, as text cells: CSV (RFC 4180: quoted fields, doubled quotes, line
 * breaks inside quotes; a UTF-8 BOM as Excel writes it) or the first sheet of an .xlsx workbook,
 * read with read-excel-file. Only the registry import loads this module (and so the xlsx reader).
 */
import { readSheet } from 'read-excel-file/node';

/** Splits CSV text into rows of cells. */
export const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
};

/** The first sheet of an .xlsx workbook as rows of text cells; throws when it is not a workbook. */
export const readXlsx = async (content: Buffer): Promise<string[][]> => {
  const rows = await readSheet(content);
  return rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))));
};
