/**
 * Every adapter, declared once: the environment it reads, the grants per way of use, the factory.
 * `/* @__PURE__ *\/` lets esbuild drop the adapters (and their SDK clients) a bundle does not use.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { getSecretsClient } from '../../shared/aws/clients';
import { createS3Reader } from '../../shared/aws/s3-reader';
import { createAuditRepository } from '../../shared/audit/audit-repository';
import { staffTokenSettings, verifyStaffToken } from '../../shared/auth/staff-token';
import { createCampaignRepository } from '../../shared/campaigns/campaign-repository';
import { createJudgingRepository } from '../../shared/judging/judging-repository';
import { createNominationRepository } from '../../shared/nominations/nomination-repository';
import { createObjectionRepository } from '../../shared/objections/objection-repository';
import { createRateLimiter } from '../../shared/objections/rate-limiter';
import { createResultFiles } from '../../shared/results/result-files';
import { createResultsRepository } from '../../shared/results/results-repository';
import { createUploadRepository } from '../../shared/uploads/upload-repository';
import { createUploadStorage } from '../../shared/uploads/upload-storage';
import { createSnsSmsSender } from '../../shared/voters/sns-sms';
import { createVoterKeys, type VoterKeys } from '../../shared/voters/voter-keys';
import { createVoterRepository } from '../../shared/voters/voter-repository';
import { parseVoterPolicy, type SmsSender, type VoterPolicy } from '../../shared/voters/voter-sessions';
import { createFlagRepository } from '../../shared/votes/flag-repository';
import { createVoidRepository } from '../../shared/votes/void-repository';
import { createVoteQueue } from '../../shared/votes/vote-queue';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { createVotesBacklog } from '../../shared/votes/votes-backlog';
import { defineAdapter, type Grant } from './adapter';

const table = { read: ['table:read'], write: ['table:read', 'table:write'] } satisfies Record<string, Grant[]>;

export const campaigns = /* @__PURE__ */ defineAdapter({
  name: 'campaigns',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createCampaignRepository({ tableName: env('TABLE_NAME') }),
});

export const audit = /* @__PURE__ */ defineAdapter({
  name: 'audit',
  env: ['TABLE_NAME'],
  modes: { read: ['table:read'] },
  create: (env) => createAuditRepository({ tableName: env('TABLE_NAME') }),
});

export const nominations = /* @__PURE__ */ defineAdapter({
  name: 'nominations',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createNominationRepository({ tableName: env('TABLE_NAME') }),
});

export const uploads = /* @__PURE__ */ defineAdapter({
  name: 'uploads',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createUploadRepository({ tableName: env('TABLE_NAME') }),
});

/** The uploads bucket: presigned POSTs and GETs, verification reads, deletions. */
export const uploadStorage = /* @__PURE__ */ defineAdapter({
  name: 'uploadStorage',
  env: ['UPLOADS_BUCKET_NAME'],
  modes: {
    // Viewers see the verifier's checked copies only (presigned GETs).
    read: ['verified:read'],
    // Presigned POSTs are signed with the function's role: the upload is a PutObject by that role.
    presign: ['uploads:write'],
    // Removing an upload deletes it and its checked copy.
    remove: ['uploads:delete'],
    // The verifier reads what arrived, writes the checked copy and deletes what it rejects.
    verify: ['uploads:read', 'verified:write', 'uploads:delete'],
  },
  create: (env) => createUploadStorage({ bucket: env('UPLOADS_BUCKET_NAME') }),
});

/**
 * The uploads bucket read without the S3 client (presigned GETs, reads as fetches of them), for the
 * public hot paths: the candidates' verified photos, and the published leaves receipts prove against.
 */
export const bucketReader = /* @__PURE__ */ defineAdapter({
  name: 'bucketReader',
  env: ['UPLOADS_BUCKET_NAME'],
  modes: { photos: ['verified:read'], results: ['results:read'] },
  create: (env) => createS3Reader({ bucket: env('UPLOADS_BUCKET_NAME') }),
});

export const objections = /* @__PURE__ */ defineAdapter({
  name: 'objections',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createObjectionRepository({ tableName: env('TABLE_NAME') }),
});

export const rateLimiter = /* @__PURE__ */ defineAdapter({
  name: 'rateLimiter',
  env: ['TABLE_NAME'],
  modes: { write: table.write },
  create: (env) => createRateLimiter({ tableName: env('TABLE_NAME') }),
});

export const judging = /* @__PURE__ */ defineAdapter({
  name: 'judging',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createJudgingRepository({ tableName: env('TABLE_NAME') }),
});

export const results = /* @__PURE__ */ defineAdapter({
  name: 'results',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createResultsRepository({ tableName: env('TABLE_NAME') }),
});

/** Published result files and exports in the uploads bucket. */
export const resultFiles = /* @__PURE__ */ defineAdapter({
  name: 'resultFiles',
  env: ['UPLOADS_BUCKET_NAME'],
  modes: { read: ['results:read'], write: ['results:read', 'results:write'] },
  create: (env) => createResultFiles({ bucket: env('UPLOADS_BUCKET_NAME') }),
});

export const votes = /* @__PURE__ */ defineAdapter({
  name: 'votes',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createVoteRepository({ tableName: env('TABLE_NAME') }),
});

export const flags = /* @__PURE__ */ defineAdapter({
  name: 'flags',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createFlagRepository({ tableName: env('TABLE_NAME') }),
});

export const voids = /* @__PURE__ */ defineAdapter({
  name: 'voids',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createVoidRepository({ tableName: env('TABLE_NAME') }),
});

export const voteQueue = /* @__PURE__ */ defineAdapter({
  name: 'voteQueue',
  env: ['VOTES_QUEUE_URL'],
  modes: { send: ['votes:send'] },
  create: (env) => createVoteQueue({ queueUrl: env('VOTES_QUEUE_URL') }),
});

export const votesBacklog = /* @__PURE__ */ defineAdapter({
  name: 'votesBacklog',
  env: ['VOTES_QUEUE_URL', 'VOTES_DLQ_URL'],
  modes: { read: ['votes:stats'] },
  create: (env) => createVotesBacklog({ queueUrl: env('VOTES_QUEUE_URL'), dlqUrl: env('VOTES_DLQ_URL') }),
});

export const voters = /* @__PURE__ */ defineAdapter({
  name: 'voters',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createVoterRepository({ tableName: env('TABLE_NAME') }),
});

/** The voter keys (token signing, phone hashing), derived from the voter secret once per process. */
export type VoterKeysSource = () => Promise<VoterKeys>;

/** Derives the keys once from a secret source; a failed load is tried again on the next call. */
export const voterKeysFrom = (load: () => Promise<string>): VoterKeysSource => {
  let keys: Promise<VoterKeys> | undefined;
  return () => {
    keys ??= load().then(createVoterKeys);
    keys.catch(() => {
      keys = undefined;
    });
    return keys;
  };
};

export const voterKeys = /* @__PURE__ */ defineAdapter({
  name: 'voterKeys',
  env: ['VOTER_SECRET_ARN'],
  modes: { read: ['voter-secret:read'] },
  create: (env): VoterKeysSource =>
    voterKeysFrom(async () => {
      // Read once per process (voterKeysFrom keeps the keys); the client directly, not Powertools'
      // parameters layer, which costs the hot paths ~5 KB.
      const command = new GetSecretValueCommand({ SecretId: env('VOTER_SECRET_ARN') });
      const { SecretString } = await getSecretsClient().send(command);
      if (SecretString === undefined) throw new Error('The voter secret is not a string secret');
      return SecretString;
    }),
});

/** How long voter sessions last and the day's SMS budget. */
export const voterPolicy = /* @__PURE__ */ defineAdapter({
  name: 'voterPolicy',
  env: ['SMS_DAILY_BUDGET', 'VOTER_SESSION_HOURS'],
  modes: { read: [] },
  create: (env): VoterPolicy => parseVoterPolicy(env('SMS_DAILY_BUDGET'), env('VOTER_SESSION_HOURS')),
});

/** The SMS port: Amazon SNS on AWS (the local system passes its outbox). */
export const sms = /* @__PURE__ */ defineAdapter({
  name: 'sms',
  env: [],
  modes: { send: ['sms:send'] },
  create: (): SmsSender => createSnsSmsSender(),
});

/** Verifies a staff ID token against the configured issuer (the authorizer, and public routes that show staff more). */
export const staffTokens = /* @__PURE__ */ defineAdapter({
  name: 'staffTokens',
  env: ['STAFF_ISSUER', 'STAFF_AUDIENCE', 'STAFF_JWKS_URL', 'STAFF_CLAIMS', 'STAFF_TOKEN_MAX_AGE_SECONDS'],
  modes: { verify: [] },
  create: (env) => {
    const settings = staffTokenSettings({
      issuer: env('STAFF_ISSUER'),
      audience: env('STAFF_AUDIENCE'),
      jwksUrl: env('STAFF_JWKS_URL'),
      claims: env('STAFF_CLAIMS'),
      maxAgeSeconds: env('STAFF_TOKEN_MAX_AGE_SECONDS'),
    });
    return (token: string) => verifyStaffToken(token, settings);
  },
});
export type StaffTokenVerifier = ReturnType<typeof staffTokens.spec.create>;
