/**
 * The clock tick (EventBridge schedule, once a minute): performs stage moves that have fallen due,
 * and rebuilds the candidate index of each campaign in voting (shared/votes/candidate-index.ts), so
 * the vote path reads the small index item and not the nominations.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { advanceDueStages } from '../../shared/campaigns/campaigns';
import { logger } from '../../shared/powertools';
import { rebuildCandidateIndex } from '../../shared/votes/candidate-index';
import { ballots } from '../runtime/adapters';
import { defineWorker, serveFunction } from '../runtime/function';
import { stageMoveDeps, stageMoveUses } from './stage-moves';

export const advanceStages = defineWorker({
  id: 'AdvanceStages',
  trigger: { type: 'schedule' },
  // The candidate index item is written through the vote path's ballot store.
  uses: { ...stageMoveUses, candidateIndex: ballots.write },
  handle: (deps) => {
    const moves = stageMoveDeps(deps);
    return async (_event: ScheduledEvent) => {
      for (const outcome of await advanceDueStages(moves)) {
        logger.info(outcome.moved ? 'Scheduled stage move done' : 'Scheduled stage move waits', outcome);
      }
      for (const campaign of await deps.campaigns.list()) {
        if (campaign.stage !== 'voting') continue;
        await rebuildCandidateIndex(campaign.id, {
          store: deps.candidateIndex,
          listApproved: (cid) => deps.nominations.listApproved(cid),
        }).catch((error: unknown) =>
          // The vote path rebuilds a stale index itself: a failed rebuild here costs reads, not votes.
          logger.error('Candidate index rebuild failed', { campaignId: campaign.id, error }),
        );
      }
    };
  },
});

export const handler = serveFunction(advanceStages);
