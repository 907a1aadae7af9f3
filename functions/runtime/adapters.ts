/**
 * Every adapter, declared once: the environment it reads, the grants per way of use, the factory.
 * `/* @__PURE__ *\/` lets esbuild drop the adapters (and their SDK clients) a bundle does not use.
 */
import { createSmsSender } from '#sms-provider';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { getSecretsClient } from '../../shared/aws/clients';
import { createS3Reader } from '../../shared/aws/s3-reader';
import { createActivityReportRepository } from '../../shared/activity-reports/report-repository';
import { createCognitoDirectory } from '../../shared/accounts/cognito-directory';
import { createAuditRepository } from '../../shared/audit/audit-repository';
import { staffTokenSettings, verifyStaffToken } from '../../shared/auth/staff-token';
import { createCampaignRepository } from '../../shared/campaigns/campaign-repository';
import { createJudgingRepository } from '../../shared/judging/judging-repository';
import { createNominationRepository } from '../../shared/nominations/nomination-repository';
import { createNotificationRepository } from '../../shared/notifications/notification-repository';
import { MAIL_OFF } from '../../shared/notifications/notification';
import type { EmailSender } from '../../shared/notifications/notifications';
import { createSesMailSender } from '../../shared/notifications/ses-mail';
import { createObjectionRepository } from '../../shared/objections/objection-repository';
import { createRateLimiter } from '../../shared/objections/rate-limiter';
import type { RetentionPeriods } from '../../shared/privacy/privacy';
import { createRetentionRepository } from '../../shared/privacy/retention-repository';
import { createRegistryRepository } from '../../shared/registry/registry-repository';
import { createResultFiles } from '../../shared/results/result-files';
import { createResultsRepository } from '../../shared/results/results-repository';
import { createUploadRepository } from '../../shared/uploads/upload-repository';
import { createUploadStorage } from '../../shared/uploads/upload-storage';
import { createVoterKeys, type VoterKeys } from '../../shared/voters/voter-keys';
import { createVoterRepository } from '../../shared/voters/voter-repository';
import { createSessionEnds } from '../../shared/voters/session-ends';
import { parseVoterPolicy, type VoterPolicy } from '../../shared/voters/voter-sessions';
import type { BallotStore } from '../../shared/votes/ballots';
import type { CandidateIndexStore } from '../../shared/votes/candidate-index';
import { createLanePool, TALLY_TIMEOUT_SECONDS } from '../../shared/votes/counter-lanes';
import { createDeadVoteRepository } from '../../shared/votes/dead-vote-repository';
import { createFlagRepository } from '../../shared/votes/flag-repository';
import { createVoidRepository } from '../../shared/votes/void-repository';
import { createVoteQueue } from '../../shared/votes/vote-queue';
import { createBallotRepository, createBallotSessionEnds } from '../../shared/votes/ballot-repository';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { createVotesBacklog } from '../../shared/votes/votes-backlog';
import { EXTERNAL_ISSUER, externalDirectory, type StaffDirectory } from '../../shared/accounts/accounts';
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

/** The units' activity reports (活动报告, notice 五.1). */
export const activityReports = /* @__PURE__ */ defineAdapter({
  name: 'activityReports',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createActivityReportRepository({ tableName: env('TABLE_NAME') }),
});

/** Notifications, their audit-trail cursor and judges' reminder contacts (shared/notifications). */
export const notifications = /* @__PURE__ */ defineAdapter({
  name: 'notifications',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createNotificationRepository({ tableName: env('TABLE_NAME') }),
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
    // The verifier reads what arrived, writes the checked copy and deletes what it rejects (the reports' photos too).
    verify: ['uploads:read', 'verified:write', 'uploads:delete', 'report-photos:verify'],
    // The activity reports sign their photos' POSTs, and show the checked copies.
    reportPresign: ['report-photos:write'],
    reportRead: ['report-photos:read'],
    // The scoresheet shows a candidate's checked files and its attached reports' photos.
    caseFiles: ['verified:read', 'report-photos:read'],
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

/** The registry of departments and units (shared/registry/). */
export const registry = /* @__PURE__ */ defineAdapter({
  name: 'registry',
  env: ['TABLE_NAME'],
  modes: { read: ['table:read'], write: ['table:read', 'table:write'] },
  create: (env) => createRegistryRepository({ tableName: env('TABLE_NAME') }),
});

/**
 * The staff accounts: Cognito admin calls on the staff user pool (the local system passes the local
 * issuer's user store). Only the accounts function uses it.
 */
export const staffDirectory = /* @__PURE__ */ defineAdapter({
  name: 'staffDirectory',
  env: ['STAFF_USER_POOL_ID'],
  modes: { read: ['staff-pool:read'], admin: ['staff-pool:read', 'staff-pool:admin'] },
  create: (env): StaffDirectory =>
    env('STAFF_USER_POOL_ID') === EXTERNAL_ISSUER
      ? externalDirectory()
      : createCognitoDirectory({ userPoolId: env('STAFF_USER_POOL_ID') }),
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
  modes: { write: ['table:read', 'table:write'] },
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

/** The nominations' archive ZIPs in the uploads bucket (shared/publications/archive.ts), written and linked. */
export const archiveFiles = /* @__PURE__ */ defineAdapter({
  name: 'archiveFiles',
  env: ['UPLOADS_BUCKET_NAME'],
  modes: { write: ['archives:read', 'archives:write'] },
  create: (env) => createResultFiles({ bucket: env('UPLOADS_BUCKET_NAME') }),
});

export const votes = /* @__PURE__ */ defineAdapter({
  name: 'votes',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createVoteRepository({ tableName: env('TABLE_NAME') }),
});

/**
 * The vote path's writes: the voters' ballots (where each vote is decided) and the candidate index
 * it rebuilds when stale, nothing else of the table (`ballots:write` is limited to those partitions).
 */
export const ballots = /* @__PURE__ */ defineAdapter({
  name: 'ballots',
  env: ['TABLE_NAME'],
  modes: { write: ['table:read', 'ballots:write'] },
  create: (env): BallotStore & CandidateIndexStore => createBallotRepository({ tableName: env('TABLE_NAME') }),
});

/**
 * Ending a voter's sessions on their ballots of the day (DELETE /voter/session): the vote route checks a session begun
 * that day there (docs/counting.md, "Ending a session"). The same partitions as `ballots`.
 */
export const ballotSessionEnds = /* @__PURE__ */ defineAdapter({
  name: 'ballotSessionEnds',
  env: ['TABLE_NAME'],
  modes: { write: ['table:read', 'ballots:write'] },
  create: (env) => createBallotSessionEnds({ tableName: env('TABLE_NAME') }),
});

/**
 * The counter lanes this process holds (shared/votes/counter-lanes.ts): the consumer's runs and
 * admins' voids write counters through them. A lane's lease is the consumer's timeout.
 */
export const counterLanes = /* @__PURE__ */ defineAdapter({
  name: 'counterLanes',
  env: ['TABLE_NAME'],
  modes: { write: ['table:read', 'table:write'] },
  create: (env) =>
    createLanePool({
      store: createVoteRepository({ tableName: env('TABLE_NAME') }),
      leaseMs: TALLY_TIMEOUT_SECONDS * 1000,
    }),
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

/** A campaign's uncounted and dead-lettered votes (shared/votes/votes-backlog.ts), read from the table. */
export const votesBacklog = /* @__PURE__ */ defineAdapter({
  name: 'votesBacklog',
  env: ['TABLE_NAME'],
  modes: { read: ['table:read'] },
  create: (env) =>
    createVotesBacklog({
      votes: createVoteRepository({ tableName: env('TABLE_NAME') }),
      deadVotes: createDeadVoteRepository({ tableName: env('TABLE_NAME') }),
    }),
});

/** Dead-lettered votes kept in the table (shared/votes/dead-votes.ts). */
export const deadVotes = /* @__PURE__ */ defineAdapter({
  name: 'deadVotes',
  env: ['TABLE_NAME'],
  modes: { read: ['table:read'], write: ['table:read', 'table:write'] },
  create: (env) => createDeadVoteRepository({ tableName: env('TABLE_NAME') }),
});

export const voters = /* @__PURE__ */ defineAdapter({
  name: 'voters',
  env: ['TABLE_NAME'],
  modes: table,
  create: (env) => createVoterRepository({ tableName: env('TABLE_NAME') }),
});

/** When voters ended their sessions: the vote route's one read of the voter records (its bundle carries no more). */
export const sessionEnds = /* @__PURE__ */ defineAdapter({
  name: 'sessionEnds',
  env: ['TABLE_NAME'],
  modes: { read: ['table:read'] },
  create: (env) => createSessionEnds({ tableName: env('TABLE_NAME') }),
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

/**
 * The SMS port (the local system passes its outbox). The provider is chosen at build time: the
 * module `#sms-provider` is Amazon SNS (package.json `imports`), and deployments with context
 * `smsProvider=aliyun` bundle Alibaba Cloud SMS in its place (infra/constructs/bundling.ts), so no
 * other bundle carries its SDK. `sms:send` is sns:Publish, or reading the Alibaba secret
 * (infra/constructs/grants.ts); the variables are the Alibaba provider's, set only for it.
 */
export const sms = /* @__PURE__ */ defineAdapter({
  name: 'sms',
  env: ['SMS_SECRET_ID', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_CODE'],
  modes: { send: ['sms:send'] },
  create: createSmsSender,
});

/**
 * The e-mail port, where configured: Amazon SES from the address of context `mailFrom` (`mail:send` is ses:SendEmail
 * on that identity only); undefined where it is not, and e-mail notifications are then recorded as failed. The local
 * system passes its outbox.
 */
export const mail = /* @__PURE__ */ defineAdapter({
  name: 'mail',
  env: ['MAIL_FROM'],
  modes: { send: ['mail:send'] },
  create: (env): EmailSender | undefined =>
    env('MAIL_FROM') === MAIL_OFF ? undefined : createSesMailSender(env('MAIL_FROM')),
});

/** Where the expiry of personal data stands, and the voter-data sweep (shared/privacy/retention-repository.ts). */
export const retention = /* @__PURE__ */ defineAdapter({
  name: 'retention',
  env: ['TABLE_NAME'],
  // Literal grants: a property access (`table.write`) in the arguments keeps the whole adapter in
  // every bundle despite `@__PURE__`, as esbuild cannot know the access has no side effect.
  modes: { write: ['table:read', 'table:write'] },
  create: (env) => createRetentionRepository({ tableName: env('TABLE_NAME') }),
});

/** The deployment's retention periods in days (context `voterDataRetentionDays`, `nomineeArchiveDays`). */
export const retentionPeriods = /* @__PURE__ */ defineAdapter({
  name: 'retentionPeriods',
  env: ['VOTER_DATA_RETENTION_DAYS', 'NOMINEE_ARCHIVE_DAYS'],
  modes: { read: [] },
  create: (env): RetentionPeriods => {
    const days = (name: 'VOTER_DATA_RETENTION_DAYS' | 'NOMINEE_ARCHIVE_DAYS') => {
      const value = Number(env(name));
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of days`);
      return value;
    };
    return {
      voterDataRetentionDays: days('VOTER_DATA_RETENTION_DAYS'),
      nomineeArchiveDays: days('NOMINEE_ARCHIVE_DAYS'),
    };
  },
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
