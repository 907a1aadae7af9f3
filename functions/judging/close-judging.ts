/** POST /campaigns/{cid}/judging/close: an admin closes judging with a reason (missing scores then stay missing). */
import { closeJudging } from '../../shared/judging/judging';
import { closeJudgingBodySchema } from '../../shared/judging/schema';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { judgingDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const { reason } = parseBody(event, closeJudgingBodySchema);
  const campaign = await closeJudging(pathParam(event, 'cid'), reason, actor, judgingDeps);
  return json(200, { id: campaign.id, stage: campaign.stage, judgingClosed: campaign.judgingClosed });
});
