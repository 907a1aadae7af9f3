/** GET /campaigns/{cid}/objections: admins; objections with their rulings (and the objector's phone, for call-backs). */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { listObjections } from '../../shared/objections/objections';
import { objectionDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const cid = pathParam(event, 'cid');
  return json(200, { campaignId: cid, objections: await listObjections(cid, actor, objectionDeps) });
});
