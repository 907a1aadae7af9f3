/**
 * GET /campaigns/{cid}/objections: admins; objections with their rulings (and the objector's phone, for call-backs).
 */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { listObjections } from '../../shared/objections/objections';
import { campaigns, nominations, objections } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const listObjectionsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/objections',
  auth: 'staff',
  summary: 'Objections with their rulings',
  uses: { campaigns: campaigns.read, nominations: nominations.read, objections: objections.read },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const cid = pathParam(event, 'cid');
    return json(200, { campaignId: cid, objections: await listObjections(cid, actor, deps) });
  },
});
