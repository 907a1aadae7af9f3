/**
 * GET /campaigns/{cid}/publicity-list: the candidate list on public notice (公示名单), newspaper-ready, as an A4 print
 * page or CSV; anyone, from `publicity` on; no personal data.
 */
import { publicCampaign } from '../../shared/candidates/candidates';
import { parseQuery, pathParam } from '../../shared/http/request';
import { publicityList } from '../../shared/publications/lists';
import { campaigns, nominations } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { listQuerySchema, listResponse } from './list-format';

export const listPublicityRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/publicity-list',
  auth: 'none',
  summary: 'Newspaper-ready candidate list (公示名单), print page or CSV',
  uses: { campaigns: campaigns.read, nominations: nominations.read },
  handle: (deps) => async (event) => {
    const { format } = parseQuery(event, listQuerySchema);
    const campaign = await publicCampaign(pathParam(event, 'cid'), deps);
    return listResponse(publicityList(campaign, await deps.nominations.listApproved(campaign.id)), format);
  },
});
