/** POST /campaigns/{cid}/conflicts: a judge declares conflicts with candidates. */
import { declareConflicts } from '../../shared/judging/judging';
import { declareConflictsBodySchema } from '../../shared/judging/schema';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { judgingDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'judge');
  const body = parseBody(event, declareConflictsBodySchema);
  return json(201, await declareConflicts(pathParam(event, 'cid'), body, actor, judgingDeps));
});
