/**
 * POST /campaigns/{cid}/candidates/{nid}/objections: a verified voter (voter token of the number
 * given), in `publicity` or `announcement`; rate-limited per voter and per IP.
 */
import { parseBody, pathParam, sourceIp } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { objectionRequestSchema } from '../../shared/objections/objection';
import { fileObjection } from '../../shared/objections/objections';
import { requireVoter, voterKeys } from '../voters/wiring';
import { objectionDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const voter = await requireVoter(event, new Date());
  const cid = pathParam(event, 'cid');
  const nid = pathParam(event, 'nid');
  const request = parseBody(event, objectionRequestSchema, 16 * 1024);
  return json(
    201,
    await fileObjection(cid, nid, request, voter, sourceIp(event), { ...objectionDeps, keys: await voterKeys() }),
  );
});
