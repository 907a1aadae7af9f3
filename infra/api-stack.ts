/**
 * The API and the functions: a regional REST API with one Lambda per route of `infra/routes.ts`,
 * the staff TOKEN authorizer on `auth: 'staff'` routes, the workers of `infra/routes.ts` wired to
 * their triggers (votes queue, uploads bucket, clock tick), a WAF web ACL on the stage, and the
 * staff user pool.
 *
 * Staff identity is configurable. By default the stack creates a Cognito user pool (groups =
 * roles, custom attributes district/department/unit) and its issuer URL and app client id become
 * STAFF_ISSUER/STAFF_AUDIENCE. AWS China regions offer no Cognito user pools: there, pass another
 * OIDC issuer whose ID tokens carry the same claims, and no user pool is created:
 *   npx cdk deploy -c staffIssuer=https://idp.example.cn -c staffAudience=<client id> [-c staffJwksUrl=<url>]
 * Other context switches: `tracing=true` (X-Ray on every function), `otpCaptcha=true` (see api-firewall.ts).
 */
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { S3EventSourceV2, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ROLES } from '../shared/auth/actor';
import { ApiFirewall } from './constructs/api-firewall';
import { AppFunction } from './constructs/app-function';
import { applyGrants, type GrantTargets } from './constructs/grants';
import { scheduleTick, votesQueue as votesQueueShape } from './definitions';
import type { RouteDefinition, WorkerDefinition } from './route-types';

export const staffAuthorizerEntry = 'functions/auth/staff-authorizer.ts';

/** Stage-wide throttling (requests per second, token bucket burst). */
const defaultThrottle = { throttlingRateLimit: 200, throttlingBurstLimit: 400 };
/** Tighter throttles for the paths that cost money (SMS) or that brushing targets, when the route exists. */
const tightThrottles: Record<string, apigw.MethodDeploymentOptions> = {
  'POST /voter/otp': { throttlingRateLimit: 10, throttlingBurstLimit: 20 },
  'POST /voter/session': { throttlingRateLimit: 20, throttlingBurstLimit: 40 },
  'POST /campaigns/{cid}/votes': { throttlingRateLimit: 100, throttlingBurstLimit: 200 },
};

/** Gateway-generated errors in API.md's format; without a code or status, the gateway's own response type and status are kept. */
const gatewayErrors: Array<{
  type: apigw.ResponseType;
  status?: string;
  code?: string;
  message?: string;
  headers?: Record<string, string>;
}> = [
  { type: apigw.ResponseType.UNAUTHORIZED, status: '401', code: 'UNAUTHORIZED' },
  { type: apigw.ResponseType.ACCESS_DENIED, status: '403', code: 'FORBIDDEN' },
  // REST APIs answer an unknown path or method with 403 "Missing Authentication Token".
  {
    type: apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: '404',
    code: 'NOT_FOUND',
    message: 'No such path or method',
  },
  { type: apigw.ResponseType.THROTTLED, status: '429', code: 'RATE_LIMITED', headers: { 'Retry-After': "'1'" } },
  { type: apigw.ResponseType.REQUEST_TOO_LARGE, status: '413', code: 'PAYLOAD_TOO_LARGE' },
  { type: apigw.ResponseType.DEFAULT_4XX },
  { type: apigw.ResponseType.DEFAULT_5XX },
];

/** `GET /campaigns/{cid}/votes` -> `GetCampaignsCidVotes`: a stable construct id per route. */
const pascal = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

export interface ApiStackProps extends StackProps, GrantTargets {
  routes: readonly RouteDefinition[];
  workers: readonly WorkerDefinition[];
  appVersion: string;
  /** The web pages' origin (`https://host`): the only one CORS lets call the API from a browser. */
  siteOrigin?: string;
}

export class ApiStack extends Stack {
  readonly api: apigw.RestApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { routes, workers } = props;
    const tracing = ['true', true].includes(this.node.tryGetContext('tracing'));

    const staff = this.staffIdentity();
    const environment: Record<string, string> = {
      TABLE_NAME: props.table.tableName,
      UPLOADS_BUCKET_NAME: props.uploads.bucketName,
      VOTES_QUEUE_URL: props.votesQueue.queueUrl,
      VOTES_DLQ_URL: props.votesDlq.queueUrl,
      VOTER_SECRET_ARN: props.voterSecret.secretArn,
      STAFF_ISSUER: staff.issuer,
      STAFF_AUDIENCE: staff.audience,
      STAFF_JWKS_URL: staff.jwksUrl,
      APP_ENV: 'aws',
      APP_VERSION: props.appVersion,
      ALLOWED_ORIGIN: props.siteOrigin ?? '*',
      POWERTOOLS_SERVICE_NAME: 'service-awards',
      POWERTOOLS_METRICS_NAMESPACE: 'ServiceAwards',
    };

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.SIX_MONTHS });
    const methodOptions: Record<string, apigw.MethodDeploymentOptions> = {};
    for (const route of routes) {
      const tight = tightThrottles[`${route.method} ${route.path}`];
      if (tight) methodOptions[`${route.path}/${route.method}`] = tight;
    }
    this.api = new apigw.RestApi(this, 'Api', {
      description: 'Service Excellence Awards (优质服务窗口、优质服务明星)',
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      // Execution logs (errors only) need the account's API Gateway CloudWatch role.
      cloudWatchRole: true,
      deployOptions: {
        stageName: 'v1',
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        // Bodies carry personal data: never in the execution logs.
        dataTraceEnabled: false,
        tracingEnabled: tracing,
        ...defaultThrottle,
        methodOptions,
      },
      defaultCorsPreflightOptions: {
        allowOrigins: props.siteOrigin ? [props.siteOrigin] : apigw.Cors.ALL_ORIGINS,
        allowMethods: apigw.Cors.ALL_METHODS,
        // x-device-id: the voting page's device fingerprint (functions/votes/cast-votes.ts).
        allowHeaders: [...apigw.Cors.DEFAULT_HEADERS, 'X-Device-Id'],
        maxAge: Duration.hours(1),
      },
    });
    for (const { type, status, code, message, headers } of gatewayErrors) {
      const codeJson = code ? JSON.stringify(code) : '"$context.error.responseType"';
      const messageJson = message ? JSON.stringify(message) : '$context.error.messageString';
      this.api.addGatewayResponse(`Gateway${pascal(type.responseType)}`, {
        type,
        statusCode: status,
        responseHeaders: { 'Access-Control-Allow-Origin': `'${props.siteOrigin ?? '*'}'`, ...headers },
        templates: { 'application/json': `{"error":{"code":${codeJson},"message":${messageJson}}}` },
      });
    }

    const authorizerFunction = new AppFunction(this, 'StaffAuthorizerFunction', {
      entry: staffAuthorizerEntry,
      environment,
      tracing,
      description: 'Verifies staff ID tokens for the API',
    });
    const authorizer = new apigw.TokenAuthorizer(this, 'StaffAuthorizer', {
      handler: authorizerFunction.function,
      identitySource: apigw.IdentitySource.header('Authorization'),
      // Malformed headers get the 401 from the gateway without invoking the function.
      validationRegex: '^[Bb]earer [-0-9A-Za-z._~+/]+=*$',
      resultsCacheTtl: Duration.minutes(5),
    });

    for (const route of routes) {
      const fn = new AppFunction(this, `Route${pascal(`${route.method} ${route.path}`)}`, {
        entry: route.entry,
        environment,
        tracing,
        description: `${route.method} ${route.path}: ${route.summary}`,
      });
      applyGrants(fn, route.grants, props);
      const method = this.api.root
        .resourceForPath(route.path)
        .addMethod(
          route.method,
          new apigw.LambdaIntegration(fn.function, { allowTestInvoke: false }),
          route.auth === 'staff'
            ? { authorizer, authorizationType: apigw.AuthorizationType.CUSTOM }
            : { authorizationType: apigw.AuthorizationType.NONE },
        );
      if (route.auth === 'none') {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is auth 'none' in infra/routes.ts: public, or it takes a voter token or an optional staff token that the handler verifies.`,
        });
      }
    }
    for (const method of this.api.methods.filter((m) => m.httpMethod === 'OPTIONS')) {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'CORS preflight (OPTIONS) is answered by the gateway without credentials, as browsers send it.',
      });
    }
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-COG4',
        reason:
          'Staff tokens are verified by a Lambda TOKEN authorizer instead of a Cognito authorizer, so the same API accepts any OIDC issuer (AWS China regions have no Cognito user pools) and passes flat role/district/unit claims to the handlers.',
      },
      {
        id: 'AwsSolutions-APIG2',
        reason:
          "Every handler validates its body, path and query with the route's zod schema and answers in API.md's error format; gateway validation would answer in another format.",
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          "The account-wide API Gateway logging role: AWS's managed policy is the documented one for it and covers exactly the log actions the service needs.",
      },
    );

    new ApiFirewall(this, 'Firewall', {
      stageArn: this.api.deploymentStage.stageArn,
      voterRateLimit: 300,
      overallRateLimit: 2000,
      otpCaptcha: ['true', true].includes(this.node.tryGetContext('otpCaptcha')),
    });

    let uploadsForNotifications: s3.IBucket | undefined;
    for (const worker of workers) {
      const { trigger } = worker;
      const timeoutSeconds =
        worker.timeoutSeconds ?? (trigger.type === 'sqs' ? votesQueueShape.consumerTimeoutSeconds : 60);
      const fn = new AppFunction(this, `Worker${pascal(worker.id)}`, {
        entry: worker.entry,
        environment,
        tracing,
        memoryMb: worker.memoryMb,
        timeout: Duration.seconds(timeoutSeconds),
        description: `Worker ${worker.id} (${trigger.type})`,
      });
      applyGrants(fn, worker.grants, props);
      if (trigger.type === 'sqs') {
        if (timeoutSeconds * 6 > votesQueueShape.visibilityTimeoutSeconds) {
          throw new Error(
            `Worker ${worker.id}: the votes queue's visibility timeout must be at least 6x the consumer timeout`,
          );
        }
        fn.function.addEventSource(
          new SqsEventSource(props.votesQueue, {
            batchSize: votesQueueShape.batchSize,
            maxBatchingWindow: Duration.seconds(votesQueueShape.maxBatchingWindowSeconds),
            reportBatchItemFailures: true,
          }),
        );
      } else if (trigger.type === 's3') {
        // Referenced by name so the notification lives in this stack: a notification added to the
        // bucket itself would make the stateful stack depend on this one.
        uploadsForNotifications ??= s3.Bucket.fromBucketAttributes(this, 'UploadsNotifications', {
          bucketArn: props.uploads.bucketArn,
          bucketName: props.uploads.bucketName,
        });
        fn.function.addEventSource(
          new S3EventSourceV2(uploadsForNotifications, {
            events: [s3.EventType.OBJECT_CREATED],
            filters: [{ prefix: trigger.prefix }],
          }),
        );
      } else {
        new events.Rule(this, `${pascal(worker.id)}Schedule`, {
          schedule: events.Schedule.rate(Duration.minutes(scheduleTick.rateMinutes)),
          targets: [new targets.LambdaFunction(fn.function)],
        });
      }
    }

    // CDK's own singleton that writes the bucket's notification configuration at deploy time.
    const notificationsHandler = this.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (notificationsHandler) {
      Validations.of(notificationsHandler).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's BucketNotificationsHandler (the custom resource behind S3 notifications) comes with this role; it only runs during deployments and its code is not ours to change.",
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'StaffIssuer', { value: staff.issuer });
  }

  /** The staff token issuer: from context when given (no user pool), else a new Cognito user pool. */
  private staffIdentity(): { issuer: string; audience: string; jwksUrl: string } {
    const issuer: string | undefined = this.node.tryGetContext('staffIssuer');
    if (issuer) {
      const audience: string | undefined = this.node.tryGetContext('staffAudience');
      if (!audience) throw new Error('Context staffIssuer needs staffAudience (the client id in the ID tokens)');
      return {
        issuer,
        audience,
        jwksUrl: this.node.tryGetContext('staffJwksUrl') ?? `${issuer}/.well-known/jwks.json`,
      };
    }
    const pool = new cognito.UserPool(this, 'StaffUserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      standardAttributes: { fullname: { required: false, mutable: true } },
      customAttributes: {
        district: new cognito.StringAttribute({ mutable: true }),
        department: new cognito.StringAttribute({ mutable: true }),
        unit: new cognito.StringAttribute({ mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      // TOTP apps only: no SMS role, no SMS cost, no SIM-swap exposure.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
    });
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Essentials tier: the staff are a few dozen accounts created by the activity office, with TOTP MFA required and no self sign-up; the Plus tier threat protection is billed per user and adds little to that.',
    });
    for (const role of ROLES) pool.addGroup(`Group${pascal(role)}`, { groupName: role });
    const client = pool.addClient('StaffClient', {
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
    });
    new CfnOutput(this, 'UserPoolId', { value: pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    const issuerUrl = pool.userPoolProviderUrl;
    return { issuer: issuerUrl, audience: client.userPoolClientId, jwksUrl: `${issuerUrl}/.well-known/jwks.json` };
  }
}
