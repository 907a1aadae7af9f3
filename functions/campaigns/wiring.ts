/** The campaign repositories and the stage-facts loader, built once per process from the environment. */
import { createAuditRepository } from '../../shared/audit/audit-repository';
import { createCampaignRepository } from '../../shared/campaigns/campaign-repository';
import { createStageFactsLoader } from '../../shared/campaigns/stage-facts';
import { config } from '../../shared/config';
import { createVotesBacklog } from '../../shared/votes/votes-backlog';
import { missingScoresContributor } from '../../shared/judging/judging';
import { createJudgingRepository } from '../../shared/judging/judging-repository';
import { nominationCandidates } from '../../shared/judging/candidates';
import { createNominationRepository } from '../../shared/nominations/nomination-repository';
import { resultsFactsContributor } from '../../shared/results/results';
import { createResultsRepository } from '../../shared/results/results-repository';

export const campaigns = createCampaignRepository({ tableName: config.tableName });
export const audit = createAuditRepository({ tableName: config.tableName });

/** Dependencies of stage moves (the transition routes and the clock tick share them). */
export const transitionDeps = () => ({
  campaigns,
  loadFacts: createStageFactsLoader({
    campaigns,
    votesBacklog: createVotesBacklog({ queueUrl: config.votesQueueUrl, dlqUrl: config.votesDlqUrl }),
    contributors: [
      missingScoresContributor({
        judging: createJudgingRepository({ tableName: config.tableName }),
        candidates: nominationCandidates(createNominationRepository({ tableName: config.tableName })),
      }),
      resultsFactsContributor(createResultsRepository({ tableName: config.tableName })),
    ],
  }),
});
