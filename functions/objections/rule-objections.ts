/**
 * POST /campaigns/{cid}/objections/rulings: admins rule on several objections at once with one
 * decision and reason; each ruling is recorded and audited on its own, with its outcome per id.
 */
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { bulkRulingRequestSchema } from '../../shared/objections/objection';
import { ruleObjections } from '../../shared/objections/objections';
import { objectionDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const request = parseBody(event, bulkRulingRequestSchema, 64 * 1024);
  return json(200, await ruleObjections(pathParam(event, 'cid'), request, actor, objectionDeps));
});
