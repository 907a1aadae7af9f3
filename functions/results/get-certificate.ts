/** GET /campaigns/{cid}/certificates/{nid}: the printable certificate of a winner, once awarded. */
import { certificateFor } from '../../shared/results/results';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { resultsDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  return text(
    200,
    await certificateFor(pathParam(event, 'cid'), pathParam(event, 'nid'), actor, resultsDeps),
    'text/html; charset=utf-8',
  );
});
