import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnMethod } from 'aws-cdk-lib/aws-apigateway';
import { describe, expect, it } from 'vitest';
import type { AppFunction } from '../../infra/constructs/app-function';
import { ROLES } from '../../shared/auth/actor';
import { allRoutes, apiFunctions, workerFunctions } from '../../functions/catalog';
import { needsOf } from '../../functions/runtime/adapter';
import { votesQueue } from '../../infra/definitions';
import { synthTestApp } from './test-app';

const { api, apiTemplate: template } = synthTestApp({
  context: { webDomain: 'awards.example.cn', webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
});

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

  it('creates one function per concept, per hot path and per worker, plus the authorizer, with the house defaults', () => {
    const functions = houseFunctions();
    expect(functions).toHaveLength(apiFunctions.length + workerFunctions.length + 1);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: expect.anything() },
      });
      expect(fn.Properties.Environment.Variables.APP_ENV).toBe('aws');
    }
    // Each function logs to its own log group with a retention.
    const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(logGroups.filter((group) => group.Properties.RetentionInDays === 180).length).toBeGreaterThanOrEqual(
      functions.length,
    );
  });

  it("gives each function exactly the environment its routes' adapters declare, and nothing else", () => {
    const common = [
      'ALLOWED_ORIGIN',
      'APP_ENV',
      'APP_VERSION',
      'NODE_OPTIONS',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
    ];
    const env = (id: string) => {
      const fn = api.node.findChild(id) as AppFunction;
      const cfn = template.toJSON().Resources[api.getLogicalId(fn.function.node.defaultChild as CfnElement)];
      return Object.keys(cfn.Properties.Environment.Variables).sort();
    };
    // The Alibaba Cloud SMS variables are set only where it sends the codes (test/infra/china.test.ts).
    const aliyunOnly = ['SMS_SECRET_ID', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_CODE'];
    for (const definition of apiFunctions) {
      const { env: declared } = needsOf(definition.routes.map((r) => r.uses));
      expect(env(`${definition.id}Function`)).toEqual(
        [...common, ...declared.filter((name) => !aliyunOnly.includes(name))].sort(),
      );
    }
    expect(env('SystemFunction')).toEqual([...common].sort());
    expect(env('CastVotesFunction')).not.toContain('STAFF_ISSUER');
  });

  // 79 routes take 394 (each route a method; each path segment a resource and its CORS OPTIONS method). The next
  // routes go into nested stacks per path subtree (RestApi.fromRestApiAttributes), as aws-apigateway documents.
  it("keeps the API stack at most 450 resources, 50 below CloudFormation's 500 per stack", () => {
    expect(Object.keys(template.toJSON().Resources).length).toBeLessThanOrEqual(450);
  });

  it('puts the TOKEN authorizer (Authorization header, cached 5 minutes) on staff routes only', () => {
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
    const methods = api.api.methods.filter((method) => method.httpMethod !== 'OPTIONS');
    expect(methods).toHaveLength(allRoutes().length);
    for (const route of allRoutes()) {
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

  it('grants a read-only function (the public candidate list) no write action', () => {
    const actions = allowedActions('CandidatesFunction');
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    expect(actions.filter((a) => /^s3:(Put|Delete)/.test(a))).toEqual([]);
  });

  it('grants a function without grants nothing but its own log group', () => {
    const actions = allowedActions('SystemFunction');
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.startsWith('logs:'))).toBe(true);
  });

  it('lets sms:send publish to phone numbers only, never to a topic', () => {
    const statements = statementsOf('VotersFunction');
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }),
    );
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish' }));
  });

  it('gives votes:send SendMessage only, and uploads grants one object action each', () => {
    expect(allowedActions('CastVotesFunction').filter((a) => a.startsWith('sqs:'))).toEqual(['sqs:SendMessage']);
    // The ballot write only (conditioned to the ballot partitions: test/infra/least-privilege.test.ts).
    expect(
      allowedActions('CastVotesFunction').filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)),
    ).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(allowedActions('UploadsFunction')).toContain('s3:DeleteObject');
    // The close reads the campaign's backlog from the table, not the queues.
    expect(allowedActions('CampaignsFunction').filter((a) => a.startsWith('sqs:'))).toEqual([]);
  });

  it('consumes the votes queue in batches and reports partial failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: votesQueue.maxConcurrency },
    });
    const consumer = houseFunctions().find((fn) => String(fn.Properties.Description).startsWith('Worker TallyVotes'));
    expect(consumer?.Properties.Timeout).toBe(30);
  });

  it('consumes the votes DLQ with the worker that keeps dead-lettered votes in the table', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(2);
    const keeper = houseFunctions().find((fn) => String(fn.Properties.Description).startsWith('Worker KeepDeadVotes'));
    expect(keeper?.Properties.Timeout).toBe(20);
    const dlqMapping = mappings.find((m) => JSON.stringify(m.Properties.EventSourceArn).includes('VotesDlq'));
    expect(dlqMapping?.Properties).toMatchObject({
      BatchSize: votesQueue.dlqBatchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: votesQueue.dlqMaxConcurrency },
    });
  });

  it('caps the consumer at the maximum concurrency given as context', () => {
    const { apiTemplate } = synthTestApp({ context: { tallyMaxConcurrency: '12' } });
    apiTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 12 } });
  });

  it('refuses a maximum concurrency the counter lanes cannot serve (each run holds a lane; voids need some)', () => {
    for (const value of ['33', '1', 'many'])
      expect(() => synthTestApp({ context: { tallyMaxConcurrency: value } })).toThrow(
        /tallyMaxConcurrency must be a whole number from 2 to 32/,
      );
  });

  it('invokes the upload worker on ObjectCreated under its prefix', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'campaigns/' }] } },
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

  it('puts a CDN in front of the API for anonymous public reads: the API decides how long, no token reaches it', () => {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const config = distribution?.Properties.DistributionConfig;
    // One origin: the API's stage (its path is the stage name, read from the API's URL).
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0].CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    expect(JSON.stringify(config.Origins[0].OriginPath)).toContain('ApiDeploymentStage');
    expect(config.DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(config.DefaultCacheBehavior.OriginRequestPolicyId).toBeUndefined();
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        MinTTL: 0,
        DefaultTTL: 0,
        MaxTTL: 60,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          HeadersConfig: { HeaderBehavior: 'none' },
          CookiesConfig: { CookieBehavior: 'none' },
          QueryStringsConfig: { QueryStringBehavior: 'all' },
        }),
      }),
    });
    template.hasOutput('PublicApiUrl', {});
    expect(JSON.stringify(api.resolve(api.publicApiUrl))).toContain('DomainName');
  });

  it("offers Cognito's hosted sign-in on a user pool domain, whose endpoints the pages' config.json names", () => {
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    template.hasOutput('StaffSignInUrl', {});
    const signIn = api.resolve(api.staffSignIn);
    expect(JSON.stringify(signIn.authorizeUrl)).toContain('/oauth2/authorize');
    expect(JSON.stringify(signIn.tokenUrl)).toContain('/oauth2/token');
    expect(signIn.clientId).toEqual({ Ref: expect.stringMatching(/StaffClient/) });
  });

  it('lets staff write no scope attribute, and signs them in by authorization code only (no implicit flow)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ['https://awards.example.cn/staff/'],
      LogoutURLs: ['https://awards.example.cn/staff/'],
      WriteAttributes: ['name'],
      ReadAttributes: Match.arrayWith(['custom:department', 'custom:district', 'custom:unit']),
    });
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(JSON.stringify(client?.Properties.WriteAttributes)).not.toMatch(/custom:/);
  });

  it('checks staff tokens against a maximum age and with Cognito claim names', () => {
    const fn = api.node.findChild('StaffAuthorizerFunction') as AppFunction;
    const cfn = template.toJSON().Resources[api.getLogicalId(fn.function.node.defaultChild as CfnElement)];
    expect(cfn.Properties.Environment.Variables).toMatchObject({
      STAFF_TOKEN_MAX_AGE_SECONDS: '43200',
      STAFF_CLAIMS: JSON.stringify({
        groups: 'cognito:groups',
        district: 'custom:district',
        department: 'custom:department',
        unit: 'custom:unit',
      }),
    });
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
      expect(response?.Properties.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin']).toBe(
        "'https://awards.example.cn'",
      );
      const body = response?.Properties.ResponseTemplates['application/json'] as string;
      expect(body).toContain(`{"error":{"code":"${code}","message":`);
      expect(body).toContain('"messageEn":');
    }
  });

  it('logs access and throttles the stage as a whole only: no shared per-method bucket a few clients could empty', () => {
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
      ]),
    });
    // The one-time-code methods have settings of their own only to publish metrics (the monitoring
    // alarms on their 5xx): with the stage's throttle, not a tighter one.
    const [stage] = Object.values(template.findResources('AWS::ApiGateway::Stage'));
    const perMethod = stage!.Properties.MethodSettings.filter((s: { ResourcePath: string }) => s.ResourcePath !== '/*');
    expect(
      perMethod.map((s: { HttpMethod: string; ResourcePath: string }) => `${s.HttpMethod} ${s.ResourcePath}`),
    ).toEqual(['POST /~1voter~1otp', 'POST /~1voter~1session']);
    for (const setting of perMethod)
      expect(setting).toMatchObject({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400, MetricsEnabled: true });
  });

  it('associates the WAF web ACL (managed rules, per-client rates, the OTP CAPTCHA enforced) with the stage', () => {
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
        'OtpRatePerCaptchaToken',
        'OtpRatePerIp',
        'OverallRatePerIp',
        'VoterOtpCaptcha',
        'VoterPathsRatePerIp',
      ].sort(),
    );
    const rate = (name: string) => rules.find((r) => r.Name === name)?.Statement.RateBasedStatement;
    expect(rate('OtpRatePerIp')).toMatchObject({ Limit: 100, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    expect(JSON.stringify(rate('OtpRatePerIp').ScopeDownStatement)).toContain('/voter/session');
    expect(rate('OtpRatePerCaptchaToken')).toMatchObject({
      Limit: 10,
      AggregateKeyType: 'CUSTOM_KEYS',
      CustomKeys: [{ Header: { Name: 'x-aws-waf-token', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }],
    });
    expect(rules.find((r) => r.Name === 'VoterPathsRatePerIp')?.Statement.RateBasedStatement.Limit).toBe(300);
    expect(rules.find((r) => r.Name === 'OverallRatePerIp')?.Statement.RateBasedStatement.Limit).toBe(2000);
    expect(rules.find((r) => r.Name === 'VoterOtpCaptcha')?.Action).toEqual({ Captcha: {} });
    const association = Object.values(template.findResources('AWS::WAFv2::WebACLAssociation'))[0];
    expect(JSON.stringify(association?.Properties.ResourceArn)).toContain('/stages/');
  });
});
