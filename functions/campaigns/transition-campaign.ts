/**
 * POST /campaigns/{cid}/transitions: an admin moves the campaign to the next stage; 409 with the failed preconditions.
 */
import * as z from '../../shared/zod';
import { transitionCampaign } from '../../shared/campaigns/campaigns';
import { STAGES } from '../../shared/campaigns/schema';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { httpRoute } from '../runtime/http';
import { stageMoveDeps, stageMoveUses } from './stage-moves';

const bodySchema = z.strictObject({
  to: z.enum(STAGES),
  reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
});

export const transitionCampaignRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/transitions',
  auth: 'staff',
  summary: 'Move to the next stage',
  uses: stageMoveUses,
  handle: (deps) => {
    const moves = stageMoveDeps(deps);
    return async (event) => {
      const actor = requireRole(event, 'admin');
      const request = parseBody(event, bodySchema);
      const { campaign, plan } = await transitionCampaign(pathParam(event, 'cid'), request, actor, moves);
      return json(200, {
        id: campaign.id,
        stage: campaign.stage,
        stageChangedAt: campaign.stageChangedAt,
        preconditions: plan.preconditions,
        warnings: plan.warnings,
      });
    };
  },
});
