/**
 * Schedule worker: runs the results computations admins requested (POST .../results/compute), and
 * the first one of each campaign in `scoring` on its own, once the votes queue has drained; skips
 * one another run is computing. Progress and outcome go on the request (GET .../results/compute).
 */
import type { ScheduledEvent } from 'aws-lambda';
import { computeDueResults } from '../../shared/results/results';
import { logger } from '../../shared/powertools';
import { resultsDeps } from './wiring';

export const handler = async (_event: ScheduledEvent): Promise<void> => {
  for (const outcome of await computeDueResults(resultsDeps)) {
    if (outcome.failed) logger.error('Results computation failed', outcome);
    else logger.info(outcome.computed ? 'Results computed' : 'Results wait', outcome);
  }
};
