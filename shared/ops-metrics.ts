import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { VoteStatus } from './votes/tally-votes';

/**
 * The names of the Powertools metrics the alarms and the dashboard read (infra/constructs/monitoring.ts).
 * Every metric has the dimension `service` (Powertools adds it); VotesRefused also has `reason`.
 */
export const METRICS_NAMESPACE = 'ServiceAwards';
export const METRICS_SERVICE = 'service-awards';

export const OpsMetric = {
  /** Votes in requests the API queued (202). */
  VotesAccepted: 'VotesAccepted',
  /** Votes the consumer counted. */
  VotesCounted: 'VotesCounted',
  /** Votes the consumer refused, dimension `reason`: duplicate, over_limit, voided. */
  VotesRefused: 'VotesRefused',
  /** Brushing flags raised or refreshed. */
  VotesFlagged: 'VotesFlagged',
  /** Vote messages the DLQ's consumer kept in the table (they hold up their campaign's close). */
  VotesDeadLettered: 'VotesDeadLettered',
  /** Counted votes an admin voided. */
  VotesVoided: 'VotesVoided',
  /** One-time codes the SMS provider accepted, one message each: the SMS budget counts these. */
  CodesSent: 'CodesSent',
} as const;

const REFUSALS = ['duplicate', 'over_limit', 'voided'] as const satisfies readonly VoteStatus[];

/** VotesCounted, and VotesRefused with its `reason` dimension (one metric per reason present), for decided votes. */
export const countVoteOutcomes = (metrics: Pick<Metrics, 'addMetric' | 'singleMetric'>, statuses: VoteStatus[]) => {
  metrics.addMetric(OpsMetric.VotesCounted, 'Count', statuses.filter((s) => s === 'counted').length);
  for (const reason of REFUSALS) {
    const refused = statuses.filter((s) => s === reason).length;
    if (refused === 0) continue;
    const metric = metrics.singleMetric();
    metric.addDimension('reason', reason);
    metric.addMetric(OpsMetric.VotesRefused, 'Count', refused);
  }
};
