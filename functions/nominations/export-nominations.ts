/**
 * GET /campaigns/{cid}/exports/nominations: every nomination with its form, personal data included, as CSV for admins.
 */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { nominationsCsv } from '../../shared/nominations/export';
import { campaigns, nominations } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const exportNominationsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/exports/nominations',
  auth: 'staff',
  summary: 'Nominations CSV export',
  uses: { campaigns: campaigns.read, nominations: nominations.read },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
    const csv = nominationsCsv(campaign, await deps.nominations.listByCampaign(campaign.id));
    return text(200, csv, 'text/csv; charset=utf-8', {
      'content-disposition': `attachment; filename="nominations-${campaign.id}.csv"`,
    });
  },
});
