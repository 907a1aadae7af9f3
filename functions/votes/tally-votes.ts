/**
 * The votes queue's consumer (SQS event source, `reportBatchItemFailures`): Powertools
 * BatchProcessor decides each message's votes (a failure fails only that message), then the run
 * writes each counter once and the ledger; messages whose counter or ledger write failed are
 * reported too, and come back. See shared/votes/tally-votes.ts for why nothing is lost or doubled.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { countVoteOutcomes, OpsMetric } from '../../shared/ops-metrics';
import { logger, metrics } from '../../shared/powertools';
import { observeBrushing } from '../../shared/votes/flags';
import { startTallyRun } from '../../shared/votes/tally-votes';
import { campaigns, flags, votes } from '../runtime/adapters';
import { defineWorker, serveFunction } from '../runtime/function';

/**
 * The consumer's timeout, also the run's lease: no counter write after it, and votes of runs older
 * than twice it may be taken over. The stack reads it as the worker's `timeoutSeconds` (and checks
 * the queue's visibility timeout is at least six times it).
 */
export const TALLY_TIMEOUT_SECONDS = 30;

export const tallyVotes = defineWorker({
  id: 'TallyVotes',
  trigger: { type: 'sqs', queue: 'votes' },
  uses: { campaigns: campaigns.read, votes: votes.write, flags: flags.write },
  timeoutSeconds: TALLY_TIMEOUT_SECONDS,
  handle: (deps) => {
    const limits = async (campaignId: string) => (await deps.campaigns.get(campaignId))?.config.voting;
    const observeFlags = observeBrushing({
      ...deps.flags,
      putFlag: async (flag) => {
        await deps.flags.putFlag(flag);
        metrics.addMetric(OpsMetric.VotesFlagged, MetricUnit.Count, 1);
      },
    });
    const observe: typeof observeFlags = async (outcomes) => {
      countVoteOutcomes(
        metrics,
        outcomes.flatMap((outcome) => outcome.statuses),
      );
      await observeFlags(outcomes);
    };
    return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
      // One processor per invocation: the local runner may run two batches at once in one process.
      const processor = new BatchProcessor(EventType.SQS);
      const run = startTallyRun({ store: deps.votes, limits, observe, leaseMs: TALLY_TIMEOUT_SECONDS * 1000 });
      const partial = await processPartialResponse(
        event,
        (record: SQSRecord) => run.count(record.messageId, record.body),
        processor,
        {
          context,
          throwOnFullBatchFailure: false,
        },
      );
      const failed = new Set([...partial.batchItemFailures.map((f) => f.itemIdentifier), ...(await run.finish())]);
      if (failed.size > 0) {
        const reasons: Record<string, number> = {};
        for (const error of processor.errors) {
          const reason = `${error.constructor.name}: ${error.message.replace(/\b[0-9a-f-]{20,}\b/g, '<id>')}`;
          reasons[reason] = (reasons[reason] ?? 0) + 1;
        }
        logger.warn('Vote messages to retry', { failed: failed.size, batch: event.Records.length, reasons });
      }
      metrics.publishStoredMetrics();
      return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
    };
  },
});

export const handler = serveFunction<SQSEvent, SQSBatchResponse>(tallyVotes);
