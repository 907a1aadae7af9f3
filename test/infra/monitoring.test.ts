import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { Monitoring } from '../../infra/constructs/monitoring';
import { synthTestApp } from './test-app';

const { api, apiTemplate: template } = synthTestApp({
  context: { alarmEmail: 'office@example.cn', smsDailyBudget: '5000' },
});
const monitoring = api.node.findChild('Monitoring') as Monitoring;
const logicalId = (name: string) => api.getLogicalId(monitoring.alarms[name]!.node.defaultChild as never);
const alarm = (name: string) => template.toJSON().Resources[logicalId(name)].Properties;
const topicRef = { Ref: api.getLogicalId(monitoring.topic.node.defaultChild as never) };

/** The metric (namespace, name, dimension names) of a single-metric alarm. */
const metricOf = (name: string) => {
  const { Namespace, MetricName, Dimensions, Statistic, Period } = alarm(name);
  return {
    Namespace,
    MetricName,
    Statistic,
    Period,
    dimensions: (Dimensions ?? []).map((d: { Name: string }) => d.Name),
  };
};

describe('monitoring', () => {
  it('has exactly the alarms of the runbook, each notifying the topic when it fires and clears', () => {
    expect(Object.keys(monitoring.alarms).sort()).toEqual(
      [
        'Api5xx',
        'CodeRouteFailures',
        'SmsBudget',
        'TableThrottles',
        'TallyErrors',
        'TallyThrottles',
        'VerifierFailures',
        'VotesBacklogAge',
        'VotesDeadLettered',
      ].sort(),
    );
    template.resourceCountIs('AWS::CloudWatch::Alarm', 9);
    for (const name of Object.keys(monitoring.alarms)) {
      expect(alarm(name)).toMatchObject({
        AlarmActions: [topicRef],
        OKActions: [topicRef],
        TreatMissingData: 'notBreaching',
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it("mails the office's address from context", () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'office@example.cn',
      TopicArn: topicRef,
    });
  });

  it('alarms on any dead-lettered vote: kept by the DLQ worker (its metric) or left in the DLQ', () => {
    const { Metrics, Threshold } = alarm('VotesDeadLettered');
    expect(Threshold).toBe(1);
    const byId = Object.fromEntries(Metrics.map((m: { Id: string }) => [m.Id, m]));
    expect(Metrics.find((m: { Expression?: string }) => m.Expression).Expression).toBe(
      'FILL(kept, 0) + FILL(queued, 0)',
    );
    expect(byId.kept.MetricStat.Metric).toMatchObject({ Namespace: 'ServiceAwards', MetricName: 'VotesDeadLettered' });
    expect(byId.queued.MetricStat.Metric).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
    expect(JSON.stringify(byId.queued.MetricStat.Metric.Dimensions)).toContain('VotesDlq');
  });

  it('alarms when the oldest queued vote waits over five minutes for three minutes running', () => {
    expect(metricOf('VotesBacklogAge')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Period: 60,
    });
    expect(alarm('VotesBacklogAge')).toMatchObject({ Threshold: 300, EvaluationPeriods: 3, DatapointsToAlarm: 3 });
    expect(JSON.stringify(alarm('VotesBacklogAge').Dimensions)).toContain('VotesQueue');
  });

  it("alarms on the tally consumer's errors and throttles", () => {
    const consumerRef = JSON.stringify({
      Ref: api.getLogicalId(
        monitoring.node.scope!.node.findChild('WorkerTallyVotes').node.findChild('Function').node.defaultChild as never,
      ),
    });
    for (const [name, metric] of [
      ['TallyErrors', 'Errors'],
      ['TallyThrottles', 'Throttles'],
    ] as const) {
      expect(metricOf(name)).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        dimensions: ['FunctionName'],
      });
      expect(JSON.stringify(alarm(name).Dimensions)).toContain(consumerRef);
      expect(alarm(name).Threshold).toBe(1);
    }
  });

  it('alarms on 5xx from the API', () => {
    expect(metricOf('Api5xx')).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Statistic: 'Sum' });
  });

  it('alarms on 5xx from each one-time-code route, whose stage method settings publish metrics', () => {
    const metrics = alarm('CodeRouteFailures').Metrics as Array<{
      MetricStat?: { Metric: { Dimensions: Array<{ Name: string; Value: unknown }> } };
    }>;
    const routes = metrics
      .filter((m) => m.MetricStat)
      .map((m) => {
        const dims = Object.fromEntries(m.MetricStat!.Metric.Dimensions.map((d) => [d.Name, d.Value]));
        return `${dims.Method} ${dims.Resource}`;
      });
    expect(routes).toEqual(['POST /voter/otp', 'POST /voter/session']);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({ ResourcePath: '/~1voter~1otp', HttpMethod: 'POST', MetricsEnabled: true }),
        Match.objectLike({ ResourcePath: '/~1voter~1session', HttpMethod: 'POST', MetricsEnabled: true }),
      ]),
    });
  });

  it('alarms when the CodesSent metric (one SMS each) passes the daily budget from context', () => {
    expect(metricOf('SmsBudget')).toEqual({
      Namespace: 'ServiceAwards',
      MetricName: 'CodesSent',
      Statistic: 'Sum',
      Period: 86400,
      dimensions: ['service'],
    });
    expect(alarm('SmsBudget').Threshold).toBe(5000);
  });

  it('alarms on read and write throttles of the table', () => {
    const { Metrics } = alarm('TableThrottles');
    const names = (Metrics as Array<{ MetricStat?: { Metric: { MetricName: string; Namespace: string } } }>)
      .filter((m) => m.MetricStat)
      .map((m) => `${m.MetricStat!.Metric.Namespace} ${m.MetricStat!.Metric.MetricName}`);
    expect(names.sort()).toEqual(['AWS/DynamoDB ReadThrottleEvents', 'AWS/DynamoDB WriteThrottleEvents']);
  });

  it('gives the upload verifier an on-failure queue and alarms on anything in it', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: {
          Destination: {
            'Fn::GetAtt': [api.getLogicalId(monitoring.verifierFailures.node.defaultChild as never), 'Arn'],
          },
        },
      },
    });
    expect(metricOf('VerifierFailures')).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible' });
  });

  it('has one dashboard with the vote metrics of Powertools', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties);
    for (const name of ['VotesAccepted', 'VotesCounted', 'VotesRefused', 'VotesFlagged', 'VotesVoided', 'CodesSent']) {
      expect(body).toContain(name);
    }
  });

  it('does not create the account-wide API Gateway logging role unless asked', () => {
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    synthTestApp({ context: { apiGatewayLoggingRole: 'true' } }).apiTemplate.resourceCountIs(
      'AWS::ApiGateway::Account',
      1,
    );
  });
});
