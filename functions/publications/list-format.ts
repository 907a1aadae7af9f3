/** The `format` query of the newspaper-ready lists, and the response of each format. */
import { LIST_FORMATS, listCsv, listHtml, type PublicationList } from '../../shared/publications/lists';
import { text } from '../../shared/http/responses';
import * as z from '../../shared/zod';

/** `?format=html` (the default, an A4 print page) or `?format=csv` (for Excel). */
export const listQuerySchema = z.strictObject({ format: z.optional(z.enum(LIST_FORMATS)) });

// The print page runs no script and loads nothing: inline styles only.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** The list as the print page or as a CSV download. */
export const listResponse = (list: PublicationList, format: 'html' | 'csv' = 'html') =>
  format === 'csv'
    ? text(200, listCsv(list), 'text/csv; charset=utf-8', {
        'content-disposition': `attachment; filename="${list.fileName}.csv"`,
      })
    : text(200, listHtml(list), 'text/html; charset=utf-8', { 'content-security-policy': CSP });
