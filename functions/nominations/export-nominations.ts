/**
 * GET /campaigns/{cid}/exports/nominations: every nomination with its form, personal data included, as CSV for admins.
 */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { nominationsCsv } from '../../shared/nominations/export';
import { registryNames } from '../../shared/registry/registry';
import { campaigns, nominations, registry } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const exportNominationsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/exports/nominations',
  auth: 'staff',
  summary: 'Nominations CSV export',
  uses: { campaigns: campaigns.read, nominations: nominations.read, registry: registry.read },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
    const [list, names] = await Promise.all([
      deps.nominations.listByCampaign(campaign.id),
      registryNames(deps.registry),
    ]);
    const csv = nominationsCsv(campaign, list, names);
    return text(200, csv, 'text/csv; charset=utf-8', {
      'content-disposition': `attachment; filename="nominations-${campaign.id}.csv"`,
    });
  },
});
