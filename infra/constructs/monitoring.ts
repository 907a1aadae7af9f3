/**
 * What the office watches on a campaign's day: one SNS topic (the office's e-mail, context
 * `alarmEmail`), an alarm per thing that needs a person, and one dashboard.
 *
 * Alarms (each notifies the topic when it fires and when it clears):
 * - VotesDeadLettered: a vote message dead-lettered (kept by the DLQ's worker, or left in the DLQ): it blocks its
 *   campaign's close until an admin retries it (POST /campaigns/{cid}/dead-votes/retry).
 * - VotesBacklogAge: the oldest queued vote waits longer than `maxVoteAgeSeconds` (the consumer is behind).
 * - TallyErrors / TallyThrottles: the queue consumer fails or is throttled (its concurrency is capped).
 * - Api5xx: the API answers 5xx.
 * - CodeRouteFailures: a 5xx on a one-time-code route (SMS provider down, secret unreadable).
 * - SmsBudget: `CodesSent` (namespace ServiceAwards, one per message the SMS provider accepted) over
 *   24 hours passes context `smsDailyBudget` (messages per day).
 * - TableThrottles: DynamoDB read or write throttle events on the table.
 * - VerifierFailures: an upload event the verifier failed on after its retries (its on-failure destination).
 *
 * Powertools metrics (namespace ServiceAwards, dimension service=service-awards, see
 * shared/ops-metrics.ts): VotesAccepted, VotesCounted, VotesRefused (dimension reason), VotesFlagged,
 * VotesVoided, CodesSent.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, METRICS_SERVICE, OpsMetric } from '../../shared/ops-metrics';

export interface MonitoringProps {
  api: apigw.RestApi;
  table: dynamodb.ITable;
  votesQueue: sqs.IQueue;
  votesDlq: sqs.IQueue;
  /** The votes queue's consumer. */
  tallyConsumer: lambda.IFunction;
  /** The S3-triggered upload verifier: it gets an on-failure destination here, which is watched. */
  uploadVerifier: lambda.Function;
  /** The one-time-code routes (`POST /voter/otp`, ...): their 5xx are counted per method. */
  codeRoutes: ReadonlyArray<{ method: string; path: string }>;
  /** The office's address; without it the topic has no subscription (subscribe by hand). */
  alarmEmail?: string;
  /** SMS messages per 24 hours the office pays for. */
  smsDailyBudget: number;
  /** The oldest queued vote may wait this long. Default 300 s. */
  maxVoteAgeSeconds?: number;
}

const ONE_MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);

/** A Powertools metric of the project (sum per period). */
const opsMetric = (metricName: string, period = FIVE_MINUTES, dimensions: Record<string, string> = {}) =>
  new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: METRICS_SERVICE, ...dimensions },
    statistic: cloudwatch.Stats.SUM,
    period,
  });

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: Record<string, cloudwatch.Alarm> = {};
  readonly dashboard: cloudwatch.Dashboard;
  /** Upload events the verifier gave up on (its asynchronous on-failure destination). */
  readonly verifierFailures: sqs.Queue;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { api, table, votesQueue, votesDlq, tallyConsumer, uploadVerifier } = props;

    this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Service Awards alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry alarm names and figures, never personal data; CloudWatch alarms cannot publish to a topic encrypted with the AWS managed SNS key.',
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    this.verifierFailures = new sqs.Queue(this, 'VerifierFailureQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.verifierFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself a failure destination (the upload verifier's); nothing consumes it automatically.",
    });
    uploadVerifier.configureAsyncInvoke({ onFailure: new SqsDestination(this.verifierFailures), retryAttempts: 2 });

    const apiDimensions = { ApiName: api.restApiName, Stage: api.deploymentStage.stageName };
    const codeRoute5xx = props.codeRoutes.map(
      ({ method, path }) =>
        new cloudwatch.Metric({
          namespace: 'AWS/ApiGateway',
          metricName: '5XXError',
          dimensionsMap: { ...apiDimensions, Resource: path, Method: method },
          statistic: cloudwatch.Stats.SUM,
          period: FIVE_MINUTES,
          label: `${method} ${path}`,
        }),
    );
    const tableThrottles = new cloudwatch.MathExpression({
      expression: 'reads + writes',
      usingMetrics: {
        reads: table.metric('ReadThrottleEvents', { statistic: cloudwatch.Stats.SUM, period: ONE_MINUTE }),
        writes: table.metric('WriteThrottleEvents', { statistic: cloudwatch.Stats.SUM, period: ONE_MINUTE }),
      },
      label: 'Throttle events',
      period: ONE_MINUTE,
    });
    const maxVoteAge = props.maxVoteAgeSeconds ?? 300;

    const alarm = (
      name: string,
      description: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      datapoints = 1,
    ) => {
      const created = new cloudwatch.Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: datapoints,
        datapointsToAlarm: datapoints,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new actions.SnsAction(this.topic));
      created.addOkAction(new actions.SnsAction(this.topic));
      this.alarms[name] = created;
      return created;
    };

    alarm(
      'VotesDeadLettered',
      "有投票进入死信队列 / Vote messages are dead-lettered: they block their campaign's close; see docs/runbook.md (GET /campaigns/{cid}/dead-votes, then retry)",
      // The DLQ's worker keeps each message in the table within seconds (the queue's own count may never see it), so
      // its metric counts; the DLQ's count covers messages the worker could not keep.
      new cloudwatch.MathExpression({
        expression: 'FILL(kept, 0) + FILL(queued, 0)',
        usingMetrics: {
          kept: opsMetric(OpsMetric.VotesDeadLettered, ONE_MINUTE),
          queued: votesDlq.metricApproximateNumberOfMessagesVisible({
            statistic: cloudwatch.Stats.MAXIMUM,
            period: ONE_MINUTE,
          }),
        },
        label: 'Dead-lettered vote messages',
        period: ONE_MINUTE,
      }),
      1,
    );
    alarm(
      'VotesBacklogAge',
      `最早排队的投票等待超过 ${maxVoteAge} 秒 / The oldest queued vote has waited over ${maxVoteAge} s: the tally is behind`,
      votesQueue.metricApproximateAgeOfOldestMessage({ statistic: cloudwatch.Stats.MAXIMUM, period: ONE_MINUTE }),
      maxVoteAge,
      3,
    );
    alarm(
      'TallyErrors',
      '计票函数出错 / The vote tally consumer failed (timeouts, crashes); messages are retried, then dead-lettered',
      tallyConsumer.metricErrors({ statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES }),
      1,
    );
    alarm(
      'TallyThrottles',
      '计票函数被限流 / The vote tally consumer is throttled (account or reserved concurrency)',
      tallyConsumer.metricThrottles({ statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES }),
      1,
    );
    alarm(
      'Api5xx',
      '接口返回 5xx / The API answers 5xx',
      api.metricServerError({ statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES }),
      5,
    );
    if (codeRoute5xx.length > 0) {
      alarm(
        'CodeRouteFailures',
        '验证码接口失败 / The one-time-code routes answer 5xx: voters cannot sign in (SMS provider, voter secret)',
        new cloudwatch.MathExpression({
          expression: codeRoute5xx.map((_, i) => `m${i}`).join(' + '),
          usingMetrics: Object.fromEntries(codeRoute5xx.map((metric, i) => [`m${i}`, metric])),
          label: 'Code route 5xx',
          period: FIVE_MINUTES,
        }),
        1,
      );
    }
    alarm(
      'SmsBudget',
      `24 小时短信量超过预算 ${props.smsDailyBudget} 条 / SMS sent in 24 hours reached the budget of ${props.smsDailyBudget}`,
      opsMetric(OpsMetric.CodesSent, Duration.days(1)),
      props.smsDailyBudget,
    );
    alarm(
      'TableThrottles',
      'DynamoDB 表被限流 / DynamoDB throttles requests on the table (see docs/capacity.md)',
      tableThrottles,
      1,
      2,
    );
    alarm(
      'VerifierFailures',
      '上传校验失败 / The upload verifier gave up on an upload event (see its failure queue)',
      this.verifierFailures.metricApproximateNumberOfMessagesVisible({
        statistic: cloudwatch.Stats.MAXIMUM,
        period: ONE_MINUTE,
      }),
      1,
    );

    const graph = (title: string, left: cloudwatch.IMetric[], width = 8) =>
      new cloudwatch.GraphWidget({ title, left, width, height: 6 });
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(24),
      widgets: [
        [
          new cloudwatch.AlarmStatusWidget({
            title: 'Alarms',
            alarms: Object.values(this.alarms),
            width: 24,
            height: 3,
          }),
        ],
        [
          graph('Votes', [
            opsMetric(OpsMetric.VotesAccepted),
            opsMetric(OpsMetric.VotesCounted),
            opsMetric(OpsMetric.VotesFlagged),
            opsMetric(OpsMetric.VotesVoided),
          ]),
          graph(
            'Votes refused by reason',
            ['duplicate', 'over_limit', 'voided'].map((reason) =>
              opsMetric(OpsMetric.VotesRefused, FIVE_MINUTES, { reason }),
            ),
          ),
          graph('Codes and SMS', [opsMetric(OpsMetric.CodesSent), ...codeRoute5xx]),
        ],
        [
          graph('Votes queue', [
            votesQueue.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM }),
            votesQueue.metricApproximateAgeOfOldestMessage({ statistic: cloudwatch.Stats.MAXIMUM }),
            votesDlq.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM }),
          ]),
          graph('Tally consumer', [
            tallyConsumer.metricInvocations(),
            tallyConsumer.metricErrors(),
            tallyConsumer.metricThrottles(),
            tallyConsumer.metric('ConcurrentExecutions', { statistic: cloudwatch.Stats.MAXIMUM }),
          ]),
          graph('Tally duration (ms)', [
            tallyConsumer.metricDuration({ statistic: cloudwatch.Stats.p(99) }),
            tallyConsumer.metricDuration({ statistic: cloudwatch.Stats.AVERAGE }),
          ]),
        ],
        [
          graph('API requests and errors', [api.metricCount(), api.metricClientError(), api.metricServerError()]),
          graph('API latency (ms)', [
            api.metricLatency({ statistic: cloudwatch.Stats.p(99) }),
            api.metricLatency({ statistic: cloudwatch.Stats.p(50) }),
          ]),
          graph('DynamoDB', [
            table.metricConsumedReadCapacityUnits(),
            table.metricConsumedWriteCapacityUnits(),
            tableThrottles,
          ]),
        ],
      ],
    });
  }
}
