/** Typed access to the environment the infrastructure (CDK stack or the local runner) sets. */
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
  /** The SMS provider of one-time codes: `sns` (Amazon SNS, default) or `aliyun` (Alibaba Cloud, mainland China). */
  get smsProvider(): 'sns' | 'aliyun' {
    return process.env.SMS_PROVIDER === 'aliyun' ? 'aliyun' : 'sns';
  },
  /** Name of the Secrets Manager secret with the provider's credentials (JSON), for providers other than SNS. */
  get smsSecretId() {
    return required('SMS_SECRET_ID');
  },
  /** The provider's approved sender signature (签名). */
  get smsSignName() {
    return required('SMS_SIGN_NAME');
  },
  /** The provider's approved template id for the one-time code. */
  get smsTemplateCode() {
    return required('SMS_TEMPLATE_CODE');
  },
  /** Days after a campaign's close that voter data is kept (context `voterDataRetentionDays`). */
  get voterDataRetentionDays() {
    return Number(process.env.VOTER_DATA_RETENTION_DAYS ?? 90);
  },
  /** Days after a campaign's close that nominees' personal data and uploads are kept (context `nomineeArchiveDays`). */
  get nomineeArchiveDays() {
    return Number(process.env.NOMINEE_ARCHIVE_DAYS ?? 1095);
  },
  get version() {
    return process.env.APP_VERSION ?? '0.1.0';
  },
  /** `local` under the local runner, `aws` when deployed. */
  get environment(): 'local' | 'aws' {
    return process.env.APP_ENV === 'local' ? 'local' : 'aws';
  },
};
