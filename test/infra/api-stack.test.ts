import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnMethod } from 'aws-cdk-lib/aws-apigateway';
import { describe, expect, it } from 'vitest';
import type { AppFunction } from '../../infra/constructs/app-function';
import { ROLES } from '../../shared/auth/actor';
import { synthTestApp, testRoutes, testWorkers } from './test-app';

const { api, apiTemplate: template } = synthTestApp();

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** Every statement in one function's role: its inline policy and any policy attached to it (found by construct id). */
const statementsOf = (constructId: string): Statement[] => {
  const fn = api.node.findChild(constructId) as AppFunction;
  const roleId = api.getLogicalId(fn.role.node.defaultChild as CfnElement);
  const inline = (template.toJSON().Resources[roleId].Properties.Policies ?? []) as Array<{
    PolicyDocument: { Statement: Statement[] };
  }>;
  const attached = Object.values(template.findResources('AWS::IAM::Policy')).filter(
    (policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
  );
  return [...inline, ...attached.map((policy) => policy.Properties)].flatMap(
    (policy) => policy.PolicyDocument.Statement,
  );
};
const allowedActions = (constructId: string) =>
  statementsOf(constructId)
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

const houseFunctions = () =>
  Object.values(template.findResources('AWS::Lambda::Function')).filter((fn) => fn.Properties.Runtime === 'nodejs22.x');

describe('api stack', () => {
  it('has one regional REST API', () => {
    template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
  });

  it('creates one function per route and per worker, plus the authorizer, with the house defaults', () => {
    const functions = houseFunctions();
    expect(functions).toHaveLength(testRoutes.length + testWorkers.length + 1);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        LoggingConfig: { LogGroup: expect.anything() },
      });
      expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(
        [
          'ALLOWED_ORIGIN',
          'APP_ENV',
          'APP_VERSION',
          'NODE_OPTIONS',
          'POWERTOOLS_METRICS_NAMESPACE',
          'POWERTOOLS_SERVICE_NAME',
          'STAFF_AUDIENCE',
          'STAFF_ISSUER',
          'STAFF_JWKS_URL',
          'TABLE_NAME',
          'UPLOADS_BUCKET_NAME',
          'VOTER_SECRET_ARN',
          'VOTES_DLQ_URL',
          'VOTES_QUEUE_URL',
        ].sort(),
      );
      expect(fn.Properties.Environment.Variables.APP_ENV).toBe('aws');
    }
    // Each function logs to its own log group with a retention.
    const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(logGroups.filter((group) => group.Properties.RetentionInDays === 180).length).toBeGreaterThanOrEqual(
      functions.length,
    );
  });

  it('puts the TOKEN authorizer (Authorization header, cached 5 minutes) on staff routes only', () => {
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
    const methods = api.api.methods.filter((method) => method.httpMethod !== 'OPTIONS');
    expect(methods).toHaveLength(testRoutes.length);
    for (const route of testRoutes) {
      const method = methods.find((m) => m.resource.path === route.path && m.httpMethod === route.method);
      const cfn = template.toJSON().Resources[api.getLogicalId(method!.node.defaultChild as CfnMethod)];
      if (route.auth === 'staff') {
        expect(cfn.Properties).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: expect.anything() });
      } else {
        expect(cfn.Properties.AuthorizationType).toBe('NONE');
        expect(cfn.Properties.AuthorizerId).toBeUndefined();
      }
    }
  });

  it('grants a table:read function no write action and nothing outside the table', () => {
    const actions = allowedActions('RouteGETCampaignsCidNominations');
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    expect(actions.filter((a) => !a.startsWith('dynamodb:') && !a.startsWith('logs:'))).toEqual([]);
  });

  it('grants a function without grants nothing but its own log group', () => {
    const actions = allowedActions('RouteGETHealth');
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.startsWith('logs:'))).toBe(true);
  });

  it('lets sms:send publish to phone numbers only, never to a topic', () => {
    const statements = statementsOf('RoutePOSTVoterOtp');
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }),
    );
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish' }));
  });

  it('gives votes:send SendMessage only, and uploads grants one object action each', () => {
    expect(allowedActions('RoutePOSTCampaignsCidVotes')).toContain('sqs:SendMessage');
    expect(allowedActions('RoutePOSTCampaignsCidVotes').filter((a) => a.startsWith('sqs:'))).toEqual([
      'sqs:SendMessage',
    ]);
    expect(allowedActions('RouteDELETENominationsNidUploadsUid').filter((a) => a.startsWith('s3:'))).toEqual([
      's3:DeleteObject',
    ]);
    expect(allowedActions('RouteGETCampaignsCidTally').filter((a) => a.startsWith('sqs:'))).toEqual([
      'sqs:GetQueueAttributes',
    ]);
  });

  it('consumes the votes queue in batches and reports partial failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const consumer = houseFunctions().find((fn) => String(fn.Properties.Description).startsWith('Worker tally-votes'));
    expect(consumer?.Properties.Timeout).toBe(30);
  });

  it('invokes the upload worker on ObjectCreated under its prefix', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
          }),
        ],
      },
    });
  });

  it('runs the schedule worker every minute', () => {
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
  });

  it('creates the staff user pool with a group per role, MFA and no self sign-up, and outputs its ids', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith(['district', 'department', 'unit'].map((name) => Match.objectLike({ Name: name }))),
    });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...ROLES].sort());
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId']) template.hasOutput(name, {});
  });

  it("answers gateway errors in API.md's format with CORS headers for the site's origin", () => {
    const expected = [
      ['UNAUTHORIZED', '401', 'UNAUTHORIZED'],
      ['ACCESS_DENIED', '403', 'FORBIDDEN'],
      ['THROTTLED', '429', 'RATE_LIMITED'],
      ['REQUEST_TOO_LARGE', '413', 'PAYLOAD_TOO_LARGE'],
      ['DEFAULT_4XX', undefined, '$context.error.responseType'],
      ['DEFAULT_5XX', undefined, '$context.error.responseType'],
    ];
    for (const [type, status, code] of expected) {
      const [response] = Object.values(
        template.findResources('AWS::ApiGateway::GatewayResponse', { Properties: { ResponseType: type } }),
      );
      expect(response?.Properties.StatusCode).toBe(status);
      expect(
        JSON.stringify(response?.Properties.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin']),
      ).toMatch(/^\{"Fn::Join":\["",\["'https:\/\/",\{"Fn::GetStackOutput":.*Site.*DomainName.*"'"\]\]\}$/);
      const body = response?.Properties.ResponseTemplates['application/json'] as string;
      expect(body).toContain(`{"error":{"code":"${code}","message":`);
    }
  });

  it('logs access, throttles the stage and throttles the SMS and vote paths harder', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          ResourcePath: '/*',
          HttpMethod: '*',
          ThrottlingRateLimit: 200,
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
        Match.objectLike({ ResourcePath: '/~1voter~1otp', HttpMethod: 'POST', ThrottlingRateLimit: 10 }),
        Match.objectLike({ ResourcePath: '/~1campaigns~1{cid}~1votes', HttpMethod: 'POST', ThrottlingRateLimit: 100 }),
      ]),
    });
  });

  it('associates the WAF web ACL (managed rules, per-IP rates, OTP CAPTCHA in count mode) with the stage', () => {
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
    const rules = acl?.Properties.Rules as Array<{
      Name: string;
      Action?: Record<string, unknown>;
      Statement: Record<string, any>;
    }>;
    expect(rules.map((r) => r.Name).sort()).toEqual(
      [
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'OverallRatePerIp',
        'VoterOtpCaptcha',
        'VoterPathsRatePerIp',
      ].sort(),
    );
    expect(rules.find((r) => r.Name === 'VoterPathsRatePerIp')?.Statement.RateBasedStatement.Limit).toBe(300);
    expect(rules.find((r) => r.Name === 'OverallRatePerIp')?.Statement.RateBasedStatement.Limit).toBe(2000);
    expect(rules.find((r) => r.Name === 'VoterOtpCaptcha')?.Action).toEqual({ Count: {} });
    const association = Object.values(template.findResources('AWS::WAFv2::WebACLAssociation'))[0];
    expect(JSON.stringify(association?.Properties.ResourceArn)).toContain('/stages/');
  });
});
