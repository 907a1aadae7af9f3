/**
 * POST /campaigns/{cid}/objections/rulings: admins rule on several objections at once with one
 * decision and reason; each ruling is recorded and audited on its own, with its outcome per id.
 */
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { bulkRulingRequestSchema } from '../../shared/objections/objection';
import { ruleObjections } from '../../shared/objections/objections';
import { campaigns, nominations, objections } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const ruleObjectionsRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/objections/rulings',
  auth: 'staff',
  summary: 'Rule on several objections at once with one reason, each ruling audited',
  uses: { campaigns: campaigns.read, nominations: nominations.read, objections: objections.write },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const request = parseBody(event, bulkRulingRequestSchema, 64 * 1024);
    return json(200, await ruleObjections(pathParam(event, 'cid'), request, actor, deps));
  },
});
