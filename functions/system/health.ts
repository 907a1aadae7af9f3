/** GET /health: liveness and version. */
import { json } from '../../shared/http/responses';
import { httpRoute } from '../runtime/http';

export const healthRoute = httpRoute({
  method: 'GET',
  path: '/health',
  auth: 'none',
  summary: 'Liveness and version',
  uses: {},
  // APP_VERSION and APP_ENV are set on every function (by the stack, or the local system): shown, never branched on.
  handle: () => async () =>
    json(200, { status: 'ok', version: process.env.APP_VERSION ?? '0.1.0', environment: process.env.APP_ENV ?? 'aws' }),
});
