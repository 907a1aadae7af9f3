/** GET /campaigns/{cid}/certificates: every winner's certificate in one printable document, for admins from announcement. */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { allCertificates } from '../../shared/results/results';
import { resultsViewDeps, resultsViewUses } from '../results/results-deps';
import { httpRoute } from '../runtime/http';

export const printCertificatesRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/certificates',
  auth: 'staff',
  summary: "Every winner's certificate in one printable document",
  uses: resultsViewUses,
  handle: (adapters) => {
    const deps = resultsViewDeps(adapters);
    return async (event) => {
      const actor = requireRole(event, 'admin');
      return text(200, await allCertificates(pathParam(event, 'cid'), actor, deps), 'text/html; charset=utf-8');
    };
  },
});
