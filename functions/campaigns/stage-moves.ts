/**
 * What a stage move needs: the campaign, and the facts its preconditions and warnings read (vote backlog, missing and
 * latest scores, the newest results, nominations not forwarded).
 */
import { createStageFactsLoader } from '../../shared/campaigns/stage-facts';
import { nominationCandidates } from '../../shared/judging/candidates';
import { missingScoresContributor } from '../../shared/judging/judging';
import { notForwardedContributor } from '../../shared/nominations/nominations';
import { resultsFactsContributor } from '../../shared/results/results';
import type { DepsOf } from '../runtime/adapter';
import { campaigns, judging, nominations, results, votesBacklog } from '../runtime/adapters';

/** The adapters a stage move uses (the transition routes and the clock tick). */
export const stageMoveUses = {
  campaigns: campaigns.write,
  votesBacklog: votesBacklog.read,
  judging: judging.read,
  nominations: nominations.read,
  results: results.read,
};

export const stageMoveDeps = (deps: DepsOf<typeof stageMoveUses>) => ({
  campaigns: deps.campaigns,
  loadFacts: createStageFactsLoader({
    campaigns: deps.campaigns,
    votesBacklog: deps.votesBacklog,
    contributors: [
      missingScoresContributor({ judging: deps.judging, candidates: nominationCandidates(deps.nominations) }),
      resultsFactsContributor(deps.results),
      notForwardedContributor(deps.nominations),
    ],
  }),
});
