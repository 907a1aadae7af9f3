/** POST /objections/{oid}/ruling: admins rule once on an objection; upholding disqualifies the candidate. */
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { rulingRequestSchema } from '../../shared/objections/objection';
import { ruleObjection } from '../../shared/objections/objections';
import { objectionDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const request = parseBody(event, rulingRequestSchema, 16 * 1024);
  return json(200, await ruleObjection(pathParam(event, 'oid'), request, actor, objectionDeps));
});
