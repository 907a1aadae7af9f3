/**
 * The one place that names the local resources and the environment every handler needs, so the
 * gateway, the workers (same process) and the test process (from `running.json`) see the same values.
 */
import { DEFAULT_STAFF_TOKEN_MAX_AGE_SECONDS } from '../../shared/auth/staff-token';
import { DEFAULT_RETENTION_PERIODS } from '../../shared/privacy/privacy';
import { DEFAULT_SMS_DAILY_BUDGET, SESSION_UNTIL_VOTING_CLOSES } from '../../shared/voters/voter-sessions';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '123456789012';
/** s3rver accepts only this key; DynamoDB Local rejects keys with `-` or `_`. */
export const LOCAL_CREDENTIAL = 'S3RVER';

export const localResourceNames = {
  table: 'service-awards',
  uploadsBucket: 'service-awards-uploads',
  votesQueue: 'service-awards-votes',
  votesDlq: 'service-awards-votes-dlq',
} as const;

/**
 * Kept in the data dir (mode 0600) while the system runs: url, endpoints and the full environment, for scripts and
 * tests.
 */
export const RUNNING_FILE = 'running.json';

export const STAFF_AUDIENCE_LOCAL = 'service-awards-local';

export interface LocalEndpoints {
  dynamodb: string;
  s3: string;
  sqs: string;
}

export interface LocalEnvironmentInput {
  gatewayUrl: string;
  endpoints: LocalEndpoints;
  votesQueueUrl: string;
  votesDlqUrl: string;
  outboxDir: string;
  /** Signs voter tokens and keys phone hashes (Secrets Manager on AWS); generated once into the data dir. */
  voterSecret: string;
}

/** The issuer URL the local staff tokens carry (`iss`); the JWKS sits under it, as with OIDC. */
export const localIssuer = (gatewayUrl: string): string => `${gatewayUrl}/local`;

/** Every variable a handler reads (config.ts, the SDK, Powertools), with local values. */
export const localEnvironment = (input: LocalEnvironmentInput): Record<string, string> => ({
  APP_ENV: 'local',
  AWS_REGION: LOCAL_REGION,
  AWS_DEFAULT_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIAL,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIAL,
  AWS_ENDPOINT_URL_DYNAMODB: input.endpoints.dynamodb,
  AWS_ENDPOINT_URL_S3: input.endpoints.s3,
  AWS_ENDPOINT_URL_SQS: input.endpoints.sqs,
  AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
  AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  TABLE_NAME: localResourceNames.table,
  UPLOADS_BUCKET_NAME: localResourceNames.uploadsBucket,
  VOTES_QUEUE_URL: input.votesQueueUrl,
  VOTES_DLQ_URL: input.votesDlqUrl,
  STAFF_ISSUER: localIssuer(input.gatewayUrl),
  STAFF_AUDIENCE: STAFF_AUDIENCE_LOCAL,
  STAFF_JWKS_URL: `${localIssuer(input.gatewayUrl)}/.well-known/jwks.json`,
  // Cognito's claim names, as the local issuer signs them.
  STAFF_CLAIMS: '{}',
  STAFF_TOKEN_MAX_AGE_SECONDS: String(DEFAULT_STAFF_TOKEN_MAX_AGE_SECONDS),
  SMS_DAILY_BUDGET: String(DEFAULT_SMS_DAILY_BUDGET),
  VOTER_SESSION_HOURS: SESSION_UNTIL_VOTING_CLOSES,
  VOTER_DATA_RETENTION_DAYS: String(DEFAULT_RETENTION_PERIODS.voterDataRetentionDays),
  NOMINEE_ARCHIVE_DAYS: String(DEFAULT_RETENTION_PERIODS.nomineeArchiveDays),
  // E-mail goes to the local outbox (infra/local/adapters.ts); the address is only a placeholder.
  MAIL_FROM: 'notifications@localhost',
  LOCAL_OUTBOX_DIR: input.outboxDir,
  VOTER_SECRET: input.voterSecret,
  // Lambda runs Node 22; the SDK's warning about Node 20 is noise here.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  // One JSON line per log entry, as on AWS (dev mode pretty-prints over many lines); set to false,
  // not left out, so a POWERTOOLS_DEV=true in the caller's shell does not come back.
  POWERTOOLS_DEV: 'false',
  // No EMF output locally; with-http adds a metric on every response, so no empty-metrics warning either.
  POWERTOOLS_METRICS_DISABLED: 'true',
});

/** Applies the environment to this process (before any SDK client is created). */
export const applyEnvironment = (env: Record<string, string>): void => {
  Object.assign(process.env, env);
};
