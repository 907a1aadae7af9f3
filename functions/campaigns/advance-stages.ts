/** The clock tick (EventBridge schedule): performs stage moves that have fallen due. */
import type { ScheduledEvent } from 'aws-lambda';
import { advanceDueStages } from '../../shared/campaigns/campaigns';
import { logger } from '../../shared/powertools';
import { transitionDeps } from './wiring';

export const handler = async (_event: ScheduledEvent): Promise<void> => {
  for (const outcome of await advanceDueStages(transitionDeps())) {
    logger.info(outcome.moved ? 'Scheduled stage move done' : 'Scheduled stage move waits', outcome);
  }
};
