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
  /** Counted votes an admin voided. */
  VotesVoided: 'VotesVoided',
  /** One-time codes sent to voters. */
  CodesSent: 'CodesSent',
  /** SMS messages handed to the provider, one per message: the SMS budget counts these. */
  SmsSent: 'SmsSent',
} as const;
