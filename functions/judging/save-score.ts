/** PUT /campaigns/{cid}/scores/{nid}: a judge scores or revises a candidate while judging is open. */
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { saveScore } from '../../shared/judging/judging';
import { scoreBodySchema } from '../../shared/judging/schema';
import { judging } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { judgingDeps, judgingReadUses, requireJudgeOf } from './judging-deps';

export const saveScoreRoute = httpRoute({
  method: 'PUT',
  path: '/campaigns/{cid}/scores/{nid}',
  auth: 'staff',
  summary: 'A judge scores a candidate',
  uses: { ...judgingReadUses, judging: judging.write },
  handle: (adapters) => {
    const deps = judgingDeps(adapters);
    return async (event) => {
      const { actor, cid } = await requireJudgeOf(event, deps);
      const body = parseBody(event, scoreBodySchema);
      return json(200, await saveScore(cid, pathParam(event, 'nid'), body, actor, deps));
    };
  },
});
