/** POST /campaigns/{cid}/candidates/{nid}/objections: anyone, in `publicity` or `announcement`; rate-limited per IP and per phone. */
import { parseBody, pathParam, sourceIp } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { objectionRequestSchema } from '../../shared/objections/objection';
import { type FilingDeps, fileObjection } from '../../shared/objections/objections';
import { campaigns, nominations, objections, rateLimiter } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const fileObjectionRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/candidates/{nid}/objections',
  auth: 'none',
  summary: 'File an objection on a candidate (public, rate-limited)',
  uses: {
    campaigns: campaigns.read,
    nominations: nominations.read,
    objections: objections.write,
    rateLimiter: rateLimiter.write,
  },
  handle: (deps) => {
    const filing: FilingDeps = {
      campaigns: deps.campaigns,
      nominations: deps.nominations,
      objections: deps.objections,
      limiter: deps.rateLimiter,
    };
    return async (event) => {
      const cid = pathParam(event, 'cid');
      const nid = pathParam(event, 'nid');
      const request = parseBody(event, objectionRequestSchema, 16 * 1024);
      return json(201, await fileObjection(cid, nid, request, sourceIp(event), filing));
    };
  },
});
