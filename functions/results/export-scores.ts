/** GET /campaigns/{cid}/exports/scores: every judge's scores per criterion, as CSV for admins. */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { loadJudgingState } from '../../shared/judging/judging';
import { scoresCsv } from '../../shared/results/exports';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { judgingDeps } from '../judging/wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const campaign = await getCampaign(pathParam(event, 'cid'), judgingDeps, actor);
  const csv = scoresCsv(campaign, await loadJudgingState(campaign, judgingDeps));
  return text(200, csv, 'text/csv; charset=utf-8', {
    'content-disposition': `attachment; filename="scores-${campaign.id}.csv"`,
  });
});
