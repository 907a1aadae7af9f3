/** POST /campaigns/{cid}/judges: an admin adds a judge with district, unit and optionally department. */
import { addJudge } from '../../shared/judging/judging';
import { addJudgeBodySchema } from '../../shared/judging/schema';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { judgingDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const body = parseBody(event, addJudgeBodySchema);
  return json(201, await addJudge(pathParam(event, 'cid'), body, actor, judgingDeps));
});
