/**
 * Schedule worker: runs the results computations admins requested (POST .../results/compute), and
 * the first one of each campaign in `scoring` on its own, once the campaign's vote backlog is 0; skips
 * one another run is computing. Progress and outcome go on the request (GET .../results/compute).
 * It also republishes overrides.json where overrides or disqualifications changed it.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/powertools';
import { computeDueResults, publishOverridesFiles } from '../../shared/results/results';
import { defineWorker, serveFunction } from '../runtime/function';
import { computeResultsUses, resultsDeps } from './results-deps';

export const computeResults = defineWorker({
  id: 'ComputeResults',
  trigger: { type: 'schedule' },
  uses: computeResultsUses,
  // The Lambda maximum: RESULTS_CLAIM_LEASE_MS (shared/results/results.ts) equals it.
  timeoutSeconds: 900,
  memoryMb: 1024,
  handle: (adapters) => {
    const deps = resultsDeps(adapters);
    return async (_event: ScheduledEvent): Promise<void> => {
      for (const outcome of await computeDueResults(deps)) {
        if (outcome.failed) logger.error('Results computation failed', outcome);
        else logger.info(outcome.computed ? 'Results computed' : 'Results wait', outcome);
      }
      for (const campaignId of await publishOverridesFiles(deps))
        logger.info('overrides.json published', { campaignId });
    };
  },
});

export const handler = serveFunction(computeResults);
