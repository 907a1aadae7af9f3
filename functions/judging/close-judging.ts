/** POST /campaigns/{cid}/judging/close: an admin closes judging with a reason (missing scores then stay missing). */
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { closeJudging } from '../../shared/judging/judging';
import { closeJudgingBodySchema } from '../../shared/judging/schema';
import { campaigns } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { judgingDeps, judgingReadUses } from './judging-deps';

export const closeJudgingRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/judging/close',
  auth: 'staff',
  summary: 'Close judging with a reason',
  uses: { ...judgingReadUses, campaigns: campaigns.write },
  handle: (adapters) => {
    const deps = judgingDeps(adapters);
    return async (event) => {
      const actor = requireRole(event, 'admin');
      const { reason } = parseBody(event, closeJudgingBodySchema);
      const campaign = await closeJudging(pathParam(event, 'cid'), reason, actor, deps);
      return json(200, { id: campaign.id, stage: campaign.stage, judgingClosed: campaign.judgingClosed });
    };
  },
});
