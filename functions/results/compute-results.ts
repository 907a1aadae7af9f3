/**
 * Schedule worker: computes the results of each campaign in `scoring` that has none yet, once the
 * votes queue has drained (skips one another run is computing), and republishes overrides.json
 * where overrides or disqualifications changed it.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { computeDueResults, publishOverridesFiles } from '../../shared/results/results';
import { logger } from '../../shared/powertools';
import { resultsDeps } from './wiring';

export const handler = async (_event: ScheduledEvent): Promise<void> => {
  for (const outcome of await computeDueResults(resultsDeps)) {
    logger.info(outcome.computed ? 'Results computed' : 'Results wait', outcome);
  }
  for (const campaignId of await publishOverridesFiles(resultsDeps))
    logger.info('overrides.json published', { campaignId });
};
