/**
 * POST /campaigns/{cid}/candidates/{nid}/objections: a verified voter (voter token of the number
 * given), in `publicity` or `announcement`; rate-limited per voter and per IP.
 */
import { parseBody, pathParam, sourceIp } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { objectionRequestSchema } from '../../shared/objections/objection';
import { fileObjection } from '../../shared/objections/objections';
import { campaigns, nominations, objections, rateLimiter, voterKeys, voters } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { requireVoter } from '../voters/voter-auth';

export const fileObjectionRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/candidates/{nid}/objections',
  auth: 'voter',
  summary: 'File an objection on a candidate (voter token: a verified mobile; limited per voter)',
  uses: {
    campaigns: campaigns.read,
    nominations: nominations.read,
    objections: objections.write,
    rateLimiter: rateLimiter.write,
    voters: voters.read,
    voterKeys: voterKeys.read,
  },
  handle: (deps) => async (event) => {
    const voter = await requireVoter(event, new Date(), deps);
    const cid = pathParam(event, 'cid');
    const nid = pathParam(event, 'nid');
    const request = parseBody(event, objectionRequestSchema, 16 * 1024);
    return json(
      201,
      await fileObjection(cid, nid, request, voter, sourceIp(event), {
        campaigns: deps.campaigns,
        nominations: deps.nominations,
        objections: deps.objections,
        limiter: deps.rateLimiter,
        keys: await deps.voterKeys(),
      }),
    );
  },
});
