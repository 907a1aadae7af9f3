/**
 * The votes queue's consumer (SQS event source, `reportBatchItemFailures`): Powertools
 * BatchProcessor reads each message (a bad one fails alone), then the run claims, counts and
 * records the batch; messages it could not finish are reported too, and come back. See
 * shared/votes/tally-votes.ts for why nothing is lost or doubled.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { countVoteOutcomes, OpsMetric } from '../../shared/ops-metrics';
import { logger, metrics } from '../../shared/powertools';
import { observeBrushing } from '../../shared/votes/flags';
import { startTallyRun } from '../../shared/votes/tally-votes';
import { TALLY_TIMEOUT_SECONDS } from '../../shared/votes/counter-lanes';
import { counterLanes, flags, votes } from '../runtime/adapters';
import { defineWorker, serveFunction } from '../runtime/function';

export const tallyVotes = defineWorker({
  id: 'TallyVotes',
  trigger: { type: 'sqs', queue: 'votes' },
  uses: { votes: votes.write, lanes: counterLanes.write, flags: flags.write },
  timeoutSeconds: TALLY_TIMEOUT_SECONDS,
  handle: (deps) => {
    const observeFlags = observeBrushing({
      ...deps.flags,
      putFlag: async (flag) => {
        await deps.flags.putFlag(flag);
        metrics.addMetric(OpsMetric.VotesFlagged, MetricUnit.Count, 1);
      },
    });
    // Each request is observed once, by the run that claimed it: its votes' statuses (decided at the door) are counted
    // here.
    const observe: typeof observeFlags = async (messages) => {
      countVoteOutcomes(
        metrics,
        messages.flatMap((m) => m.votes.map((v) => v.status)),
      );
      await observeFlags(messages);
    };
    return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
      // One processor per invocation: the local runner may run two batches at once in one process.
      const processor = new BatchProcessor(EventType.SQS);
      const run = startTallyRun({ store: deps.votes, lanes: deps.lanes, observe });
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
