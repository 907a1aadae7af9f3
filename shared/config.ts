/** Typed access to the environment the infrastructure (CDK stack or the local runner) sets. */
import {
  COGNITO_CLAIMS,
  DEFAULT_STAFF_TOKEN_MAX_AGE_SECONDS,
  type StaffClaimNames,
  type StaffTokenSettings,
} from './auth/staff-token';
import { DEFAULT_SMS_DAILY_BUDGET, type VoterPolicy } from './voters/voter-sessions';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set; the stack or the local runner sets it`);
  return value;
};

export const config = {
  get tableName() {
    return required('TABLE_NAME');
  },
  get uploadsBucketName() {
    return required('UPLOADS_BUCKET_NAME');
  },
  get votesQueueUrl() {
    return required('VOTES_QUEUE_URL');
  },
  get votesDlqUrl() {
    return required('VOTES_DLQ_URL');
  },
  /** Issuer (`iss`) of staff ID tokens: the Cognito user pool URL on AWS, the local issuer locally. */
  get staffIssuer() {
    return required('STAFF_ISSUER');
  },
  /** Audience (`aud`) of staff ID tokens: the user pool app client id. */
  get staffAudience() {
    return required('STAFF_AUDIENCE');
  },
  /** JWKS of the staff issuer; defaults to the OIDC convention under the issuer. */
  get staffJwksUrl() {
    return process.env.STAFF_JWKS_URL ?? `${required('STAFF_ISSUER')}/.well-known/jwks.json`;
  },
  /**
   * How staff tokens are checked: issuer, audience, JWKS, the claim mapping (`STAFF_CLAIMS`, JSON,
   * e.g. `{"groups":"realm_access.roles","district":"district"}`; unnamed claims keep Cognito's
   * names) and the maximum token age (`STAFF_TOKEN_MAX_AGE_SECONDS`).
   */
  get staffToken(): StaffTokenSettings {
    const claims = JSON.parse(process.env.STAFF_CLAIMS ?? '{}') as Partial<StaffClaimNames>;
    return {
      issuer: this.staffIssuer,
      audience: this.staffAudience,
      jwksUrl: this.staffJwksUrl,
      claims: { ...COGNITO_CLAIMS, ...claims },
      maxAgeSeconds: Number(process.env.STAFF_TOKEN_MAX_AGE_SECONDS ?? DEFAULT_STAFF_TOKEN_MAX_AGE_SECONDS),
    };
  },
  /** How long voter sessions last and the day's SMS budget (`VOTER_SESSION_HOURS` unset: until voting closes). */
  get voterPolicy(): VoterPolicy {
    const hours = process.env.VOTER_SESSION_HOURS;
    return {
      sessionHours: hours ? Number(hours) : undefined,
      smsDailyBudget: Number(process.env.SMS_DAILY_BUDGET ?? DEFAULT_SMS_DAILY_BUDGET),
    };
  },
  /** The voter secret (Secrets Manager) on AWS: signs voter tokens and keys phone hashes. */
  get voterSecretArn() {
    return required('VOTER_SECRET_ARN');
  },
  /** The same secret material locally, generated once into the data dir by the local runner. */
  get localVoterSecret() {
    return required('VOTER_SECRET');
  },
  /** Where the local SMS stand-in writes messages. */
  get localOutboxDir() {
    return required('LOCAL_OUTBOX_DIR');
  },
  get version() {
    return process.env.APP_VERSION ?? '0.1.0';
  },
  /** `local` under the local runner, `aws` when deployed. */
  get environment(): 'local' | 'aws' {
    return process.env.APP_ENV === 'local' ? 'local' : 'aws';
  },
};
