import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { parseCsv, readXlsx } from '../../shared/registry/sheet';

describe('import tables', () => {
  it('reads CSV as Excel writes it: BOM, CRLF, quoted commas, doubled quotes and line breaks in quotes', () => {
    const text = '\uFEFFid,name\r\na,"税务局, 东宝分局"\r\nb,"say ""hi""\nagain"\r\nc,\r\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'name'],
      ['a', '税务局, 东宝分局'],
      ['b', 'say "hi"\nagain'],
      ['c', ''],
    ]);
    expect(parseCsv('x,y')).toEqual([['x', 'y']]);
  });

  it("reads an .xlsx workbook's first sheet as text cells (numbers as text, empty cells as '')", async () => {
    const file = await writeXlsxFile([
      [{ value: 'id' }, { value: 'name' }, { value: 'n' }],
      [{ value: 'u1' }, null, { value: 42 }],
    ]).toBuffer();
    expect(await readXlsx(file)).toEqual([
      ['id', 'name', 'n'],
      ['u1', '', '42'],
    ]);
  });
});
