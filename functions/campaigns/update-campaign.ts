/** PATCH /campaigns/{cid}: an admin changes configuration the stage still allows. */
import { updateCampaign } from '../../shared/campaigns/campaigns';
import { campaignPatchSchema } from '../../shared/campaigns/schema';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { campaigns } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const updateCampaignRoute = httpRoute({
  method: 'PATCH',
  path: '/campaigns/{cid}',
  auth: 'staff',
  summary: 'Change configuration',
  uses: { campaigns: campaigns.write },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const patch = parseBody(event, campaignPatchSchema);
    const updated = await updateCampaign(pathParam(event, 'cid'), patch, actor, deps);
    return json(200, { id: updated.id, stage: updated.stage, config: updated.config, version: updated.version });
  },
});
