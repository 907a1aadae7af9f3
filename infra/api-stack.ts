/**
 * The API and the functions of the catalog (functions/catalog.ts): a regional REST API with one
 * method per route, served by one Lambda per concept or hot path, the staff TOKEN authorizer on
 * `auth: 'staff'` routes, the workers wired to their triggers (votes queue, uploads bucket, clock
 * tick), a WAF web ACL on the stage, and the staff user pool. Each function's environment and IAM
 * policy come from the adapters its routes declare (functions/runtime/adapters.ts).
 *
 * Staff identity is configurable. By default the stack creates a Cognito user pool (groups =
 * roles, custom attributes district/department/unit) and its issuer URL and app client id become
 * STAFF_ISSUER/STAFF_AUDIENCE. AWS China regions offer no Cognito user pools: there, pass another
 * OIDC issuer whose ID tokens carry the same claims, and no user pool is created:
 *   npx cdk deploy -c staffIssuer=https://idp.example.cn -c staffAudience=<client id> [-c staffJwksUrl=<url>]
 *     [-c 'staffClaims={"groups":"realm_access.roles","district":"district","department":"department","unit":"unit"}']
 * (the claim names of that issuer's ID tokens; Cognito's by default). The pages sign staff in there with the
 * authorization code flow and PKCE as a public client `staffAudience`, reading its endpoints from
 * `<staffIssuer>/.well-known/openid-configuration`: register the pages' `/staff/` with that client as its redirect
 * and post-logout redirect URI, and let the site's origin call its discovery and token endpoints (CORS). `staffTokenMaxAgeSeconds`
 * bounds how long after `iat` a staff token is accepted (12 h by default). The user pool
 * client's callback and sign-out URL is the web pages' `/staff/` (their origin comes from the web
 * stack, infra/web-stack.ts: `webDomain` or the distribution's name).
 * Other context switches: `tracing=true` (X-Ray on every function), `otpCaptcha=false` (a pilot
 * without the CAPTCHA on POST /voter/otp, see api-firewall.ts), `smsDailyBudget` (text messages per
 * day, 20,000 by default), `voterSessionHours` (a fixed voter session length instead of "until
 * voting closes").
 * `apiGatewayLoggingRole=true` (create the account-wide API Gateway logging role, see below),
 * `alarmEmail=<address>` (see constructs/monitoring.ts, whose SMS alarm uses `smsDailyBudget` too),
 * `voterDataRetentionDays=<days>` and `nomineeArchiveDays=<days>` (see shared/privacy/privacy.ts),
 * `smsProvider=aliyun` with `smsSecretName`, `smsSignName`, `smsTemplateCode` (see docs/china.md).
 */
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { S3EventSourceV2, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ROLES } from '../shared/auth/actor';
import { COGNITO_CLAIMS, DEFAULT_STAFF_TOKEN_MAX_AGE_SECONDS } from '../shared/auth/staff-token';
import { DEFAULT_SMS_DAILY_BUDGET, SESSION_UNTIL_VOTING_CLOSES } from '../shared/voters/voter-sessions';
import { LANES } from '../shared/votes/counter-lanes';
import { ApiFirewall } from './constructs/api-firewall';
import { AppFunction } from './constructs/app-function';
import { bundleSettingsFor, type SmsProvider, smsProviderOf } from './constructs/bundling';
import { applyGrants, type GrantTargets } from './constructs/grants';
import { Monitoring } from './constructs/monitoring';
import { PublicCache } from './constructs/public-cache';
import { apiCors, scheduleTick, votesQueue as votesQueueShape } from './definitions';
import type { ApiFunctionDefinition, WorkerFunctionDefinition } from '../functions/catalog';
import { needsOf, type EnvName, type Uses } from '../functions/runtime/adapter';
import { EXTERNAL_ISSUER } from '../shared/accounts/accounts';
import { MAIL_OFF } from '../shared/notifications/notification';
import {
  type AppFunction as FunctionSpec,
  DEFAULT_WORKER_TIMEOUT_SECONDS,
  type WorkerTrigger,
} from '../functions/runtime/function';
import { DEFAULT_RETENTION_PERIODS } from '../shared/privacy/privacy';

/**
 * Stage-wide throttling (requests per second, token bucket burst): a ceiling that protects the
 * backend only. Clients are limited one by one in the WAF (constructs/api-firewall.ts): a shared
 * per-method bucket would let a few clients take the codes away from every voter.
 */
const defaultThrottle = { throttlingRateLimit: 200, throttlingBurstLimit: 400 };
/** The one-time-code routes: their methods publish metrics (same throttle), so the monitoring alarms on their 5xx. */
const codeRouteKeys = ['POST /voter/otp', 'POST /voter/session'];

/**
 * Gateway-generated errors in API.md's format; without a code or status, the gateway's own response type and status are
 * kept.
 */
const gatewayErrors: Array<{
  type: apigw.ResponseType;
  status?: string;
  code?: string;
  /** The Chinese message; the English one is the gateway's own unless `messageEn` is given. */
  message: string;
  messageEn?: string;
  headers?: Record<string, string>;
}> = [
  { type: apigw.ResponseType.UNAUTHORIZED, status: '401', code: 'UNAUTHORIZED', message: '请先登录' },
  { type: apigw.ResponseType.ACCESS_DENIED, status: '403', code: 'FORBIDDEN', message: '无权进行此操作' },
  // REST APIs answer an unknown path or method with 403 "Missing Authentication Token".
  {
    type: apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: '404',
    code: 'NOT_FOUND',
    message: '没有这个路径或方法',
    messageEn: 'No such path or method',
  },
  {
    type: apigw.ResponseType.THROTTLED,
    status: '429',
    code: 'RATE_LIMITED',
    message: '请求过于频繁，请稍后再试',
    headers: { 'Retry-After': "'1'" },
  },
  { type: apigw.ResponseType.REQUEST_TOO_LARGE, status: '413', code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' },
  { type: apigw.ResponseType.DEFAULT_4XX, message: '请求有误' },
  { type: apigw.ResponseType.DEFAULT_5XX, message: '服务暂时不可用，请稍后再试' },
];

/** `GET /campaigns/{cid}/votes` -> `GetCampaignsCidVotes`: a stable construct id per route. */
const pascal = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

export interface ApiStackProps extends StackProps, GrantTargets {
  apiFunctions: readonly ApiFunctionDefinition[];
  workerFunctions: readonly WorkerFunctionDefinition[];
  authorizer: { entry: string; fn: FunctionSpec };
  appVersion: string;
  /**
   * The web pages' origin (`https://host`, infra/web-stack.ts): the only one CORS lets call the API from a browser, and
   * where staff sign in.
   */
  siteOrigin: string;
}

/**
 * Where the staff pages send staff to sign in (authorization code + PKCE), for the pages' config.json: Cognito's hosted
 * UI by its endpoints, or another issuer by its URL (the pages read its endpoints from its OIDC discovery document).
 */
export type StaffSignIn = { clientId: string } & (
  | { authorizeUrl: string; tokenUrl: string; logoutUrl: string }
  | { issuer: string }
);

export class ApiStack extends Stack {
  readonly api: apigw.RestApi;
  readonly staffSignIn: StaffSignIn;
  /** The CDN in front of the API's anonymous public reads (constructs/public-cache.ts). */
  readonly publicApiUrl: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { apiFunctions, workerFunctions } = props;
    const tracing = ['true', true].includes(this.node.tryGetContext('tracing'));

    const staff = this.staffIdentity(props.siteOrigin);
    this.staffSignIn = staff.signIn;
    const sms = this.smsProvider();
    const mail = this.mailSender();
    const grantTargets: GrantTargets = { ...props, smsSecret: sms.secret, staffPool: staff.pool, mail };
    const bundle = bundleSettingsFor(sms.provider);
    /**
     * The value of each variable an adapter may read (functions/runtime/adapter.ts); undefined: not in this deployment.
     */
    const values: Record<EnvName, string | undefined> = {
      TABLE_NAME: props.table.tableName,
      UPLOADS_BUCKET_NAME: props.uploads.bucketName,
      VOTES_QUEUE_URL: props.votesQueue.queueUrl,
      VOTER_SECRET_ARN: props.voterSecret.secretArn,
      STAFF_ISSUER: staff.issuer,
      STAFF_AUDIENCE: staff.audience,
      STAFF_JWKS_URL: staff.jwksUrl,
      STAFF_CLAIMS: JSON.stringify(staff.claims),
      // The staff user pool the accounts function manages; where another issuer signs staff in, there is none.
      STAFF_USER_POOL_ID: staff.pool?.userPoolId ?? EXTERNAL_ISSUER,
      STAFF_TOKEN_MAX_AGE_SECONDS: String(
        this.node.tryGetContext('staffTokenMaxAgeSeconds') ?? DEFAULT_STAFF_TOKEN_MAX_AGE_SECONDS,
      ),
      SMS_DAILY_BUDGET: String(this.node.tryGetContext('smsDailyBudget') ?? DEFAULT_SMS_DAILY_BUDGET),
      VOTER_SESSION_HOURS: String(this.node.tryGetContext('voterSessionHours') ?? SESSION_UNTIL_VOTING_CLOSES),
      // Retention periods in days, set by the office per deployment (defaults in shared/privacy/privacy.ts).
      VOTER_DATA_RETENTION_DAYS: String(
        this.node.tryGetContext('voterDataRetentionDays') ?? DEFAULT_RETENTION_PERIODS.voterDataRetentionDays,
      ),
      NOMINEE_ARCHIVE_DAYS: String(
        this.node.tryGetContext('nomineeArchiveDays') ?? DEFAULT_RETENTION_PERIODS.nomineeArchiveDays,
      ),
      ...sms.values,
      MAIL_FROM: mail?.from ?? MAIL_OFF,
    };
    const common = {
      APP_ENV: 'aws',
      APP_VERSION: props.appVersion,
      ALLOWED_ORIGIN: props.siteOrigin,
      POWERTOOLS_SERVICE_NAME: 'service-awards',
      POWERTOOLS_METRICS_NAMESPACE: 'ServiceAwards',
    };
    /**
     * A function with exactly the environment and grants its uses need (functions/runtime/adapters.ts):
     * nothing is given to a function that none of its routes or handlers declares.
     */
    const appFunction = (
      id: string,
      entry: string,
      uses: readonly Uses[],
      options: { description: string; memoryMb?: number; timeout?: Duration },
    ) => {
      const needs = needsOf(uses);
      const fn = new AppFunction(this, id, {
        entry,
        environment: {
          ...common,
          ...Object.fromEntries(
            needs.env.flatMap((name) => (values[name] === undefined ? [] : [[name, values[name]]])),
          ),
        },
        tracing,
        bundle,
        ...options,
      });
      applyGrants(fn, needs.grants, grantTargets);
      return fn;
    };

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.SIX_MONTHS });
    const codeRoutes = apiFunctions
      .flatMap((f) => f.routes)
      .filter((r) => codeRouteKeys.includes(`${r.method} ${r.path}`));
    this.api = new apigw.RestApi(this, 'Api', {
      description: 'Service Excellence Awards (优质服务窗口、优质服务明星)',
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      // Execution logs (errors only) need the account's API Gateway CloudWatch role. It is one per
      // account and region (AWS::ApiGateway::Account): created only when asked for, so this stack
      // never overwrites another's. The first deploy in an account without one passes the context.
      cloudWatchRole: ['true', true].includes(this.node.tryGetContext('apiGatewayLoggingRole')),
      deployOptions: {
        stageName: 'v1',
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        // Bodies carry personal data: never in the execution logs.
        dataTraceEnabled: false,
        tracingEnabled: tracing,
        ...defaultThrottle,
        methodOptions: Object.fromEntries(
          codeRoutes.map((r) => [`${r.path}/${r.method}`, { ...defaultThrottle, metricsEnabled: true }]),
        ),
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [props.siteOrigin],
        allowMethods: apigw.Cors.ALL_METHODS,
        allowHeaders: [...apiCors.allowHeaders],
        maxAge: Duration.seconds(apiCors.maxAgeSeconds),
      },
    });
    for (const { type, status, code, message, messageEn, headers } of gatewayErrors) {
      const codeJson = code ? JSON.stringify(code) : '"$context.error.responseType"';
      const messageJson = `${JSON.stringify(message)},"messageEn":${messageEn ? JSON.stringify(messageEn) : '$context.error.messageString'}`;
      this.api.addGatewayResponse(`Gateway${pascal(type.responseType)}`, {
        type,
        statusCode: status,
        responseHeaders: { 'Access-Control-Allow-Origin': `'${props.siteOrigin}'`, ...headers },
        templates: { 'application/json': `{"error":{"code":${codeJson},"message":${messageJson}}}` },
      });
    }

    const authorizerFunction = appFunction(
      'StaffAuthorizerFunction',
      props.authorizer.entry,
      [props.authorizer.fn.uses],
      {
        description: 'Verifies staff ID tokens for the API',
        timeout: Duration.seconds(props.authorizer.fn.timeoutSeconds ?? 10),
      },
    );
    const authorizer = new apigw.TokenAuthorizer(this, 'StaffAuthorizer', {
      handler: authorizerFunction.function,
      identitySource: apigw.IdentitySource.header('Authorization'),
      // Malformed headers get the 401 from the gateway without invoking the function.
      validationRegex: '^[Bb]earer [-0-9A-Za-z._~+/]+=*$',
      resultsCacheTtl: Duration.minutes(5),
    });

    for (const definition of apiFunctions) {
      const fn = appFunction(
        `${definition.id}Function`,
        definition.entry,
        definition.routes.map((r) => r.uses),
        {
          description: `${definition.id}: ${definition.routes.map((r) => `${r.method} ${r.path}`).join(', ')}`.slice(
            0,
            256,
          ),
          memoryMb: definition.memoryMb,
        },
      );
      // One permission per function for the whole API (not one per method): the router inside picks the route.
      const integration = new apigw.LambdaIntegration(fn.function, { scopePermissionToMethod: false });
      for (const route of definition.routes) {
        const method = this.api.root
          .resourceForPath(route.path)
          .addMethod(
            route.method,
            integration,
            route.auth === 'staff'
              ? { authorizer, authorizationType: apigw.AuthorizationType.CUSTOM }
              : { authorizationType: apigw.AuthorizationType.NONE },
          );
        if (route.auth !== 'staff') {
          Validations.of(method).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${route.method} ${route.path} is auth '${route.auth}' in its route definition: public, or it takes a voter token, a one-time code or an optional staff token that the handler verifies.`,
          });
        }
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
      otpRateLimit: 100,
      otpTokenRateLimit: 10,
      // On unless a pilot turns it off (`-c otpCaptcha=false`).
      otpCaptcha: !['false', false].includes(this.node.tryGetContext('otpCaptcha')),
    });

    let uploadsForNotifications: s3.IBucket | undefined;
    /** Each worker by its trigger (an SQS worker by its queue). */
    const workerByTrigger: Partial<Record<WorkerTrigger['type'] | 'votesDlq', AppFunction>> = {};
    for (const { entry, worker } of workerFunctions) {
      const { trigger } = worker;
      const timeoutSeconds = worker.timeoutSeconds ?? DEFAULT_WORKER_TIMEOUT_SECONDS;
      const fn = appFunction(`Worker${pascal(worker.id)}`, entry, [worker.uses], {
        memoryMb: worker.memoryMb,
        timeout: Duration.seconds(timeoutSeconds),
        description: `Worker ${worker.id} (${trigger.type})`,
      });
      workerByTrigger[trigger.type === 'sqs' && trigger.queue === 'votesDlq' ? 'votesDlq' : trigger.type] = fn;
      if (trigger.type === 'sqs' && trigger.queue === 'votesDlq') {
        // Keeps each dead-lettered vote in the table (functions/votes/keep-dead-votes.ts); what it cannot keep stays.
        fn.function.addEventSource(
          new SqsEventSource(props.votesDlq, {
            batchSize: votesQueueShape.dlqBatchSize,
            maxConcurrency: votesQueueShape.dlqMaxConcurrency,
            reportBatchItemFailures: true,
          }),
        );
      } else if (trigger.type === 'sqs') {
        if (timeoutSeconds * 6 > votesQueueShape.visibilityTimeoutSeconds) {
          throw new Error(
            `Worker ${worker.id}: the votes queue's visibility timeout must be at least 6x the consumer timeout`,
          );
        }
        fn.function.addEventSource(
          new SqsEventSource(props.votesQueue, {
            batchSize: votesQueueShape.batchSize,
            maxBatchingWindow: Duration.seconds(votesQueueShape.maxBatchingWindowSeconds),
            maxConcurrency: this.tallyMaxConcurrency(),
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

    if (workerByTrigger.sqs && workerByTrigger.s3) {
      new Monitoring(this, 'Monitoring', {
        api: this.api,
        table: props.table,
        votesQueue: props.votesQueue,
        votesDlq: props.votesDlq,
        tallyConsumer: workerByTrigger.sqs.function,
        uploadVerifier: workerByTrigger.s3.function,
        codeRoutes,
        alarmEmail: this.node.tryGetContext('alarmEmail'),
        smsDailyBudget: Number(this.node.tryGetContext('smsDailyBudget') ?? DEFAULT_SMS_DAILY_BUDGET),
      });
    }

    this.publicApiUrl = new PublicCache(this, 'PublicCache', { api: this.api }).url;

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'PublicApiUrl', { value: this.publicApiUrl });
    new CfnOutput(this, 'StaffIssuer', { value: staff.issuer });
  }

  /**
   * The e-mail port of notifications: Amazon SES from context `mailFrom` (an address of a verified identity: context
   * `mailIdentity`, by default the address's domain); none without it.
   */

  /**
   * The vote consumer's maximum concurrency (context `tallyMaxConcurrency`): 2 (SQS's least) to half the counter
   * lanes, since each run holds a lane and voids need lanes too (shared/votes/counter-lanes.ts).
   */
  private tallyMaxConcurrency(): number {
    const value = Number(this.node.tryGetContext('tallyMaxConcurrency') ?? votesQueueShape.maxConcurrency);
    if (!Number.isInteger(value) || value < 2 || value > LANES / 2)
      throw new Error(
        `Context tallyMaxConcurrency must be a whole number from 2 to ${LANES / 2} (half the ${LANES} counter lanes), not ${String(this.node.tryGetContext('tallyMaxConcurrency'))}`,
      );
    return value;
  }

  private mailSender(): GrantTargets['mail'] {
    const from: unknown = this.node.tryGetContext('mailFrom');
    if (from === undefined) return undefined;
    if (typeof from !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(from))
      throw new Error(`Context mailFrom must be an e-mail address, not ${String(from)}`);
    return { from, identity: String(this.node.tryGetContext('mailIdentity') ?? from.split('@')[1]) };
  }

  /** Amazon SNS by default; with context `smsProvider=aliyun`, Alibaba Cloud SMS with its secret and parameters. */
  private smsProvider(): {
    provider: SmsProvider;
    values: Record<'SMS_SECRET_ID' | 'SMS_SIGN_NAME' | 'SMS_TEMPLATE_CODE', string | undefined>;
    secret?: secretsmanager.ISecret;
  } {
    const provider = smsProviderOf(this.node.tryGetContext('smsProvider'));
    if (provider === 'sns')
      return { provider, values: { SMS_SECRET_ID: undefined, SMS_SIGN_NAME: undefined, SMS_TEMPLATE_CODE: undefined } };
    const need = (key: string): string => {
      const value = this.node.tryGetContext(key);
      if (!value) throw new Error(`Context smsProvider=aliyun needs ${key}`);
      return String(value);
    };
    const secretName = need('smsSecretName');
    return {
      provider,
      secret: secretsmanager.Secret.fromSecretNameV2(this, 'SmsProviderSecret', secretName),
      values: {
        SMS_SECRET_ID: secretName,
        SMS_SIGN_NAME: need('smsSignName'),
        SMS_TEMPLATE_CODE: need('smsTemplateCode'),
      },
    };
  }

  /** The staff token issuer: from context when given (no user pool), else a new Cognito user pool. */
  private staffIdentity(siteOrigin: string): {
    issuer: string;
    audience: string;
    jwksUrl: string;
    claims: typeof COGNITO_CLAIMS;
    signIn: StaffSignIn;
    pool?: cognito.UserPool;
  } {
    const issuer: string | undefined = this.node.tryGetContext('staffIssuer');
    if (issuer) {
      const claims: unknown = this.node.tryGetContext('staffClaims') ?? {};
      const audience: string | undefined = this.node.tryGetContext('staffAudience');
      if (!audience) throw new Error('Context staffIssuer needs staffAudience (the client id in the ID tokens)');
      return {
        issuer,
        audience,
        jwksUrl: this.node.tryGetContext('staffJwksUrl') ?? `${issuer}/.well-known/jwks.json`,
        // `-c staffClaims=...` arrives as a JSON string; cdk.json or a test may give an object.
        claims: { ...COGNITO_CLAIMS, ...(typeof claims === 'string' ? JSON.parse(claims) : claims) },
        signIn: { clientId: audience, issuer },
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
    const staffPages = [`${siteOrigin}/staff/`];
    const client = pool.addClient('StaffClient', {
      authFlows: { userSrp: true },
      // A public client (the staff pages run in the browser): authorization code with PKCE, which
      // the pages send; no implicit flow, so no token ever travels in a URL fragment.
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: staffPages,
        logoutUrls: staffPages,
      },
      // Staff read their scope but can change only their name: district, department and unit
      // are set by admins (AdminUpdateUserAttributes), never by the user's own access token.
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ fullname: true, email: true, emailVerified: true })
        .withCustomAttributes('district', 'department', 'unit'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
    });
    // The hosted sign-in pages (with the TOTP step) on a Cognito domain; context staffDomainPrefix
    // names it (globally unique), the account id by default.
    const domain = pool.addDomain('StaffDomain', {
      cognitoDomain: { domainPrefix: this.node.tryGetContext('staffDomainPrefix') ?? `service-awards-${this.account}` },
    });
    new CfnOutput(this, 'UserPoolId', { value: pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'StaffSignInUrl', { value: domain.baseUrl() });
    const issuerUrl = pool.userPoolProviderUrl;
    return {
      issuer: issuerUrl,
      audience: client.userPoolClientId,
      jwksUrl: `${issuerUrl}/.well-known/jwks.json`,
      claims: COGNITO_CLAIMS,
      pool,
      signIn: {
        clientId: client.userPoolClientId,
        authorizeUrl: `${domain.baseUrl()}/oauth2/authorize`,
        tokenUrl: `${domain.baseUrl()}/oauth2/token`,
        logoutUrl: `${domain.baseUrl()}/logout`,
      },
    };
  }
}
