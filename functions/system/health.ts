/** GET /health: liveness and version. */
import { config } from '../../shared/config';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';

export const handler = withHttp(async () =>
  json(200, { status: 'ok', version: config.version, environment: config.environment }),
);
