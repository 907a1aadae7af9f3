/**
 * The votes DLQ's consumer: keeps each dead-lettered vote in the table under its campaign, with no
 * expiry (shared/votes/dead-votes.ts), so it outlives the DLQ's retention; SQS deletes what was kept.
 * A message it cannot keep stays in the DLQ and comes back. Each kept message adds to the
 * VotesDeadLettered metric (the alarm of the same name).
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { OpsMetric } from '../../shared/ops-metrics';
import { logger, metrics } from '../../shared/powertools';
import { keepDeadLetter } from '../../shared/votes/dead-votes';
import { deadVotes } from '../runtime/adapters';
import { defineWorker, serveFunction } from '../runtime/function';

export const keepDeadVotes = defineWorker({
  id: 'KeepDeadVotes',
  trigger: { type: 'sqs', queue: 'votesDlq' },
  uses: { deadVotes: deadVotes.write },
  timeoutSeconds: 20,
  handle:
    (deps) =>
    async (event: SQSEvent): Promise<SQSBatchResponse> => {
      const failed: string[] = [];
      for (const record of event.Records) {
        try {
          const campaignId = await keepDeadLetter(record.messageId, record.body, deps.deadVotes);
          metrics.addMetric(OpsMetric.VotesDeadLettered, MetricUnit.Count, 1);
          logger.warn('Vote message dead-lettered and kept', { messageId: record.messageId, campaignId });
        } catch (error) {
          logger.error('Dead-lettered vote message not kept', { messageId: record.messageId, error });
          failed.push(record.messageId);
        }
      }
      metrics.publishStoredMetrics();
      return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
    },
});

export const handler = serveFunction<SQSEvent, SQSBatchResponse>(keepDeadVotes);
