/** GET /campaigns/{cid}/transitions: the dry run, the next move with every precondition checked. */
import { dryRunTransitions } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { httpRoute } from '../runtime/http';
import { stageMoveDeps, stageMoveUses } from './stage-moves';

export const listTransitionsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/transitions',
  auth: 'staff',
  summary: 'Dry run of the next stage move',
  uses: stageMoveUses,
  handle: (deps) => {
    const moves = stageMoveDeps(deps);
    return async (event) => {
      const actor = requireRole(event, 'admin');
      return json(200, await dryRunTransitions(pathParam(event, 'cid'), moves, actor));
    };
  },
});
