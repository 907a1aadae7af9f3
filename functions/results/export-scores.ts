/** GET /campaigns/{cid}/exports/scores: every judge's scores per criterion, as CSV for admins. */
import { getCampaign } from '../../shared/campaigns/campaigns';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { nominationCandidates } from '../../shared/judging/candidates';
import { loadJudgingState } from '../../shared/judging/judging';
import { scoresCsv } from '../../shared/results/exports';
import { campaigns, judging, nominations } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const exportScoresRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/exports/scores',
  auth: 'staff',
  summary: 'CSV of scores per judge and criterion',
  uses: { campaigns: campaigns.read, judging: judging.read, nominations: nominations.read },
  handle: (adapters) => {
    const deps = {
      campaigns: adapters.campaigns,
      judging: adapters.judging,
      candidates: nominationCandidates(adapters.nominations),
    };
    return async (event) => {
      const actor = requireRole(event, 'admin');
      const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
      const csv = scoresCsv(campaign, await loadJudgingState(campaign, deps));
      return text(200, csv, 'text/csv; charset=utf-8', {
        'content-disposition': `attachment; filename="scores-${campaign.id}.csv"`,
      });
    };
  },
});
