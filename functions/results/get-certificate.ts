/** GET /campaigns/{cid}/certificates/{nid}: the printable certificate of a winner, once awarded (`?lang=en`: in English). */
import { requireRole } from '../../shared/http/identity';
import { parseQuery, pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { certificateFor } from '../../shared/results/results';
import { httpRoute } from '../runtime/http';
import * as z from '../../shared/zod';
import { resultsViewDeps, resultsViewUses } from './results-deps';

const querySchema = z.strictObject({ lang: z.optional(z.enum(['zh', 'en'])) });

export const getCertificateRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/certificates/{nid}',
  auth: 'staff',
  summary: 'Printable certificate of a winner',
  uses: resultsViewUses,
  handle: (adapters) => {
    const deps = resultsViewDeps(adapters);
    return async (event) => {
      const actor = requireRole(event, 'admin');
      const { lang } = parseQuery(event, querySchema);
      return text(
        200,
        await certificateFor(pathParam(event, 'cid'), pathParam(event, 'nid'), actor, deps, lang),
        'text/html; charset=utf-8',
      );
    };
  },
});
