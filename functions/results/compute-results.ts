/** Schedule worker: computes the results of each campaign in `scoring` that has none yet, once the votes queue has drained; skips one another run is computing. */
import type { ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/powertools';
import { computeDueResults } from '../../shared/results/results';
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
        logger.info(outcome.computed ? 'Results computed' : 'Results wait', outcome);
      }
    };
  },
});

export const handler = serveFunction(computeResults);
