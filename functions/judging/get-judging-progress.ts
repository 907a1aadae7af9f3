/** GET /campaigns/{cid}/judging-progress: for admins, per judge and per candidate, what is missing. */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { judgingProgress } from '../../shared/judging/judging';
import { httpRoute } from '../runtime/http';
import { judgingDeps, judgingReadUses } from './judging-deps';

export const getJudgingProgressRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/judging-progress',
  auth: 'staff',
  summary: 'What scores are missing',
  uses: judgingReadUses,
  handle: (adapters) => {
    const deps = judgingDeps(adapters);
    return async (event) => {
      const actor = requireRole(event, 'admin');
      return json(200, await judgingProgress(pathParam(event, 'cid'), actor, deps));
    };
  },
});
