/** POST /campaigns/{cid}/conflicts: a judge declares conflicts with candidates. */
import { parseBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { declareConflicts } from '../../shared/judging/judging';
import { declareConflictsBodySchema } from '../../shared/judging/schema';
import { judging } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { judgingDeps, judgingReadUses, requireJudgeOf } from './judging-deps';

export const declareConflictsRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/conflicts',
  auth: 'staff',
  summary: 'A judge declares conflicts',
  uses: { ...judgingReadUses, judging: judging.write },
  handle: (adapters) => {
    const deps = judgingDeps(adapters);
    return async (event) => {
      const { actor, cid } = await requireJudgeOf(event, deps);
      const body = parseBody(event, declareConflictsBodySchema);
      return json(201, await declareConflicts(cid, body, actor, deps));
    };
  },
});
