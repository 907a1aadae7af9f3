/** The clock tick (EventBridge schedule): performs stage moves that have fallen due. */
import type { ScheduledEvent } from 'aws-lambda';
import { advanceDueStages } from '../../shared/campaigns/campaigns';
import { logger } from '../../shared/powertools';
import { defineWorker, serveFunction } from '../runtime/function';
import { stageMoveDeps, stageMoveUses } from './stage-moves';

export const advanceStages = defineWorker({
  id: 'AdvanceStages',
  trigger: { type: 'schedule' },
  uses: stageMoveUses,
  handle: (deps) => {
    const moves = stageMoveDeps(deps);
    return async (_event: ScheduledEvent) => {
      for (const outcome of await advanceDueStages(moves)) {
        logger.info(outcome.moved ? 'Scheduled stage move done' : 'Scheduled stage move waits', outcome);
      }
    };
  },
});

export const handler = serveFunction(advanceStages);
