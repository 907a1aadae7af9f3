/** GET /campaigns/{cid}/exports/nominations: every nomination with its form, personal data included, as CSV for admins. */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { nominationsCsv } from '../../shared/nominations/export';
import { campaigns } from '../campaigns/wiring';
import { nominations } from '../nominations/wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const campaign = await getCampaign(pathParam(event, 'cid'), { campaigns }, actor);
  const csv = nominationsCsv(campaign, await nominations.listByCampaign(campaign.id));
  return text(200, csv, 'text/csv; charset=utf-8', {
    'content-disposition': `attachment; filename="nominations-${campaign.id}.csv"`,
  });
});
