/** POST /objections/{oid}/ruling: admins rule once on an objection; upholding disqualifies the candidate. */
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { rulingRequestSchema } from '../../shared/objections/objection';
import { ruleObjection } from '../../shared/objections/objections';
import { campaigns, nominations, objections } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const ruleObjectionRoute = httpRoute({
  method: 'POST',
  path: '/objections/{oid}/ruling',
  auth: 'staff',
  summary: 'Rule on an objection; upholding disqualifies the candidate',
  // The ruling and the disqualification are one transaction through the objection repository;
  // `campaigns` only because ObjectionDeps names it (ruling does not read the campaign).
  uses: { campaigns: campaigns.read, nominations: nominations.read, objections: objections.write },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const request = parseBody(event, rulingRequestSchema, 16 * 1024);
    return json(200, await ruleObjection(pathParam(event, 'oid'), request, actor, deps));
  },
});
