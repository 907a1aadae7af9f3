/** PUT /campaigns/{cid}/scores/{nid}: a judge scores or revises a candidate while judging is open. */
import { saveScore } from '../../shared/judging/judging';
import { scoreBodySchema } from '../../shared/judging/schema';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { judgingDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'judge');
  const body = parseBody(event, scoreBodySchema);
  return json(200, await saveScore(pathParam(event, 'cid'), pathParam(event, 'nid'), body, actor, judgingDeps));
});
