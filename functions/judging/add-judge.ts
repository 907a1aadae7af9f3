/** POST /campaigns/{cid}/judges: an admin adds a judge with district, unit and optionally department. */
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { addJudge } from '../../shared/judging/judging';
import { addJudgeBodySchema } from '../../shared/judging/schema';
import { judging } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { judgingDeps, judgingReadUses } from './judging-deps';

export const addJudgeRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/judges',
  auth: 'staff',
  summary: 'Add a judge',
  uses: { ...judgingReadUses, judging: judging.write },
  handle: (adapters) => {
    const deps = judgingDeps(adapters);
    return async (event) => {
      const actor = requireRole(event, 'admin');
      const body = parseBody(event, addJudgeBodySchema);
      return json(201, await addJudge(pathParam(event, 'cid'), body, actor, deps));
    };
  },
});
