/** PATCH /campaigns/{cid}: an admin changes configuration the stage still allows. */
import { updateCampaign } from '../../shared/campaigns/campaigns';
import { campaignPatchSchema } from '../../shared/campaigns/schema';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { campaigns } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const patch = parseBody(event, campaignPatchSchema);
  const updated = await updateCampaign(pathParam(event, 'cid'), patch, actor, { campaigns });
  return json(200, { id: updated.id, stage: updated.stage, config: updated.config, version: updated.version });
});
