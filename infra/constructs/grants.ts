/**
 * Turns the grants a function's adapters declare (functions/runtime/adapters.ts) into the narrowest IAM statements
 * in its function's own inline policy. Nothing else gives a function access to data.
 */
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { ArnFormat, Aws, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
// cdk-nag's own formatting of a finding's resource (the package does not re-export it).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { table as tableShape } from '../definitions';
import { BALLOT_WRITE_PARTITIONS } from '../../shared/votes/ballot-repository';
import type { Grant } from '../../functions/runtime/adapter';
import type { AppFunction } from './app-function';

/** The stateful resources a grant can point at (from the stateful stack). */
export interface GrantTargets {
  table: dynamodb.ITable;
  uploads: s3.IBucket;
  votesQueue: sqs.IQueue;
  votesDlq: sqs.IQueue;
  voterSecret: secretsmanager.ISecret;
  /** The SMS provider's credentials when it is not Amazon SNS (mainland China); `sms:send` then reads it instead. */
  smsSecret?: secretsmanager.ISecret;
  /** The staff user pool; none when another issuer signs staff in (context staffIssuer). */
  staffPool?: cognito.IUserPool;
  /** The e-mail port's sender (context `mailFrom`) and its verified SES identity; no e-mail port without it. */
  mail?: { from: string; identity: string };
}

/**
 * The Cognito admin calls of the accounts function (shared/accounts/cognito-directory.ts), on the staff
 * pool only. Without a pool (another issuer) there is nothing to grant: accounts live in that issuer.
 */
const staffPoolGrant = (actions: string[]) => (fn: AppFunction, t: GrantTargets) => {
  if (t.staffPool) fn.allow(actions, [t.staffPool.userPoolArn]);
};

/**
 * Acknowledges cdk-nag's IAM5 finding for one wildcard resource of the function's policy. The
 * finding names the resource as resolved in the function's stack, and a cross-stack reference
 * takes that form only during synthesis, so the id is computed then (node validations run after
 * references are resolved and before the validation plugins).
 */
const acknowledgeWildcard = (fn: AppFunction, resource: string, reason: string) =>
  fn.node.addValidation({
    validate: () => {
      Validations.of(fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(fn).resolve(resource))}]`,
        reason,
      });
      return [];
    },
  });

/** The bucket's areas, by key prefix (shared/uploads/upload.ts, shared/results/result-files.ts). */
const prefixes = {
  /** What uploaders POST: `campaigns/<cid>/nominations/<nid>/<uploadId>.<ext>`. */
  incoming: 'campaigns/*/nominations/*',
  /** The verifier's checked copies, which nobody else writes. */
  verified: 'verified/campaigns/*/nominations/*',
  /** What units POST as their activity reports' photos: `campaigns/<cid>/activity-reports/<rid>/<uploadId>.<ext>`. */
  reportIncoming: 'campaigns/*/activity-reports/*',
  /** The verifier's checked copies of the reports' photos. */
  reportVerified: 'verified/campaigns/*/activity-reports/*',
  /** The published results files, written by the compute worker. */
  results: 'results/*',
  /** The nominations' archive ZIPs for the office (shared/publications/archive.ts), expired after a day. */
  archives: 'archives/*',
} as const;

/** The objects under one prefix; the wildcard stands for ids made at run time. */
const objects = (fn: AppFunction, t: GrantTargets, ...areas: Array<keyof typeof prefixes>) =>
  areas.map((area) => {
    const arn = t.uploads.arnForObjects(prefixes[area]);
    acknowledgeWildcard(
      fn,
      arn,
      `Object keys under ${prefixes[area]} are made per campaign, nomination and upload (or results version) at run time; the grant covers that prefix only.`,
    );
    return arn;
  });
/** The table and each of its indexes by name (not `index/*`). */
const tableAndIndexes = (t: GrantTargets) => [
  t.table.tableArn,
  ...tableShape.globalSecondaryIndexes.map((index) => `${t.table.tableArn}/index/${index.indexName}`),
];

const grantors: Record<Grant, (fn: AppFunction, t: GrantTargets) => void> = {
  'table:read': (fn, t) =>
    fn.allow(
      ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem'],
      tableAndIndexes(t),
    ),
  // Writes go to the table only; ConditionCheckItem too, as conditional transactions are writes.
  'table:write': (fn, t) =>
    fn.allow(
      [
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
      ],
      [t.table.tableArn],
    ),
  // The vote path's writes, limited to the ballot and candidate-index partitions (shared/votes/ballot-repository.ts).
  'ballots:write': (fn, t) =>
    fn.allow(['dynamodb:PutItem', 'dynamodb:UpdateItem'], [t.table.tableArn], {
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...BALLOT_WRITE_PARTITIONS] },
    }),
  'uploads:read': (fn, t) => fn.allow(['s3:GetObject'], objects(fn, t, 'incoming')),
  // Presigned POSTs are signed with the function's role: the upload is a PutObject by that role.
  'uploads:write': (fn, t) => fn.allow(['s3:PutObject'], objects(fn, t, 'incoming')),
  // Removing an upload removes its checked copy too.
  'uploads:delete': (fn, t) => fn.allow(['s3:DeleteObject'], objects(fn, t, 'incoming', 'verified')),
  'verified:read': (fn, t) => fn.allow(['s3:GetObject'], objects(fn, t, 'verified')),
  'verified:write': (fn, t) => fn.allow(['s3:PutObject'], objects(fn, t, 'verified')),
  'results:read': (fn, t) => fn.allow(['s3:GetObject'], objects(fn, t, 'results')),
  // votes.jsonl goes up in parts: a failed one is aborted.
  'results:write': (fn, t) => fn.allow(['s3:PutObject', 's3:AbortMultipartUpload'], objects(fn, t, 'results')),
  // The archive route writes one ZIP and signs the GET that hands it out.
  'archives:read': (fn, t) => fn.allow(['s3:GetObject'], objects(fn, t, 'archives')),
  'archives:write': (fn, t) => fn.allow(['s3:PutObject'], objects(fn, t, 'archives')),
  // The reports' photos: POSTs signed by the reports function, checked copies read by it and the scoresheet.
  'report-photos:write': (fn, t) => fn.allow(['s3:PutObject'], objects(fn, t, 'reportIncoming')),
  'report-photos:read': (fn, t) => fn.allow(['s3:GetObject'], objects(fn, t, 'reportVerified')),
  // The verifier reads and deletes what arrived, and writes (or, when the verdict cannot commit, deletes) the checked copy.
  'report-photos:verify': (fn, t) => {
    fn.allow(['s3:GetObject', 's3:DeleteObject'], objects(fn, t, 'reportIncoming'));
    fn.allow(['s3:PutObject', 's3:DeleteObject'], objects(fn, t, 'reportVerified'));
  },
  'votes:send': (fn, t) => fn.allow(['sqs:SendMessage'], [t.votesQueue.queueArn]),
  // SMS goes to a phone number, which has no ARN: Publish needs Resource "*". The deny keeps the
  // role from publishing to any SNS topic, so the "*" means phone numbers only.
  'sms:send': (fn, t) => {
    if (t.smsSecret) {
      // A secret imported by name: its ARN ends in Secrets Manager's random 6-character suffix.
      const arn = `${t.smsSecret.secretArn}-??????`;
      fn.allow(['secretsmanager:GetSecretValue'], [arn]);
      acknowledgeWildcard(
        fn,
        arn,
        "The SMS provider's secret is created by the office and imported by name; its ARN ends in a random 6-character suffix.",
      );
      return;
    }
    fn.allow(['sns:Publish'], ['*']);
    acknowledgeWildcard(
      fn,
      '*',
      'SMS is published to a phone number, which has no ARN, so sns:Publish needs Resource "*"; a deny on every topic ARN limits it to SMS.',
    );
    fn.policy.addStatements(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['sns:Publish'],
        resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
      }),
    );
  },
  'staff-pool:read': staffPoolGrant([
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminListGroupsForUser',
    'cognito-idp:ListUsers',
    'cognito-idp:ListUsersInGroup',
  ]),
  'staff-pool:admin': staffPoolGrant([
    'cognito-idp:AdminAddUserToGroup',
    'cognito-idp:AdminCreateUser',
    'cognito-idp:AdminDeleteUserAttributes',
    'cognito-idp:AdminDisableUser',
    'cognito-idp:AdminEnableUser',
    'cognito-idp:AdminRemoveUserFromGroup',
    'cognito-idp:AdminUpdateUserAttributes',
  ]),
  // Only from the configured address, through its SES identity; nothing at all where no e-mail port is configured.
  'mail:send': (fn, t) => {
    if (!t.mail) return;
    const identity = Stack.of(fn).formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: t.mail.identity,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    fn.allow(['ses:SendEmail'], [identity], { StringEquals: { 'ses:FromAddress': t.mail.from } });
  },
  'voter-secret:read': (fn, t) =>
    fn.allow(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], [t.voterSecret.secretArn]),
};

/** Gives the function exactly the access its grants name (each grant once) and nothing more. */
export const applyGrants = (fn: AppFunction, grants: readonly Grant[], targets: GrantTargets): void => {
  for (const grant of new Set(grants)) grantors[grant](fn, targets);
};
