/**
 * Least privilege, read from the real function catalog and the template synthesized from it: a
 * public route declares no write, a function serving only public routes can write nothing, the
 * voter-flow functions write only what they need and touch no S3 object, S3 access is by prefix
 * (never the whole bucket), and published results and verified copies each have their one writer.
 */
import type { CfnElement } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { allRoutes, apiFunctions, authorizerFunction, workerFunctions } from '../../functions/catalog';
import { type Grant, needsOf } from '../../functions/runtime/adapter';
import type { HttpRoute } from '../../functions/runtime/http';
import type { AppFunction } from '../../infra/constructs/app-function';
import { synthTestApp } from './test-app';

const { api, apiTemplate: template } = synthTestApp();

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

const pascal = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

/** The construct id of every function: one per concept or hot path, one per worker, the authorizer. */
const functionIds = [
  ...apiFunctions.map((f) => `${f.id}Function`),
  ...workerFunctions.map((w) => `Worker${pascal(w.worker.id)}`),
  `${authorizerFunction.fn.id}Function`,
];

/** The Allow statements of a function's role (inline and attached policies), in the default app or the one given. */
const allowed = (
  constructId: string,
  app: Pick<ReturnType<typeof synthTestApp>, 'api' | 'apiTemplate'> = { api, apiTemplate: template },
): Statement[] => {
  const { api: stack, apiTemplate: synthesized } = app;
  const fn = stack.node.findChild(constructId) as AppFunction;
  const roleId = stack.getLogicalId(fn.role.node.defaultChild as CfnElement);
  const inline = (synthesized.toJSON().Resources[roleId].Properties.Policies ?? []) as Array<{
    PolicyDocument: { Statement: Statement[] };
  }>;
  const attached = Object.values(synthesized.findResources('AWS::IAM::Policy')).filter(
    (policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
  );
  return [...inline, ...attached.map((policy) => policy.Properties)]
    .flatMap((policy) => policy.PolicyDocument.Statement as Statement[])
    .filter((s) => s.Effect === 'Allow');
};
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const WRITE =
  /^(dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|PartiQL(Insert|Update|Delete))|s3:(Put|Delete|Abort|Restore|Replicate)\w*|sqs:(SendMessage|DeleteMessage|PurgeQueue)\w*|sns:Publish|secretsmanager:(Put|Update)\w*)$/;
const writesOf = (constructId: string) => [
  ...new Set(
    allowed(constructId)
      .flatMap(actions)
      .filter((a) => WRITE.test(a)),
  ),
];
const s3Resources = (constructId: string) =>
  allowed(constructId)
    .filter((s) => actions(s).some((a) => a.startsWith('s3:')))
    .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
    .map((r) => JSON.stringify(r));
/** Writers of objects under a prefix: functions allowed `s3:PutObject` on it. */
const writersUnder = (prefix: string) =>
  functionIds
    .filter((id) =>
      allowed(id).some((s) => actions(s).includes('s3:PutObject') && JSON.stringify(s.Resource).includes(prefix)),
    )
    .sort();

/** Grants that change data somewhere (see functions/runtime/adapter.ts). */
const WRITE_GRANTS: readonly Grant[] = [
  'table:write',
  'ballots:write',
  'uploads:write',
  'uploads:delete',
  'verified:write',
  'results:write',
  'archives:write',
  'votes:send',
  'sms:send',
];
const grantsOf = (route: HttpRoute) => needsOf([route.uses]).grants;
const name = (r: HttpRoute) => `${r.method} ${r.path}`;

describe('least privilege', () => {
  const publicRoutes = allRoutes().filter((r) => r.auth === 'none');
  const voterRoutes = allRoutes().filter((r) => r.auth === 'voter');

  it('has public routes and voter-flow routes to check', () => {
    expect(publicRoutes.length).toBeGreaterThan(5);
    expect(voterRoutes.map(name).sort()).toEqual(
      [
        'DELETE /voter/session',
        'GET /campaigns/{cid}/votes/mine',
        'POST /campaigns/{cid}/candidates/{nid}/objections',
        'POST /campaigns/{cid}/votes',
        'POST /voter/otp',
        'POST /voter/session',
      ].sort(),
    );
  });

  it.each(publicRoutes.map((r) => [name(r), r] as const))('the public route %s declares no write', (_name, route) => {
    expect(grantsOf(route).filter((g) => WRITE_GRANTS.includes(g))).toEqual([]);
  });

  const publicOnly = apiFunctions.filter((f) => f.routes.every((r) => r.auth === 'none'));
  it.each(publicOnly.map((f) => [f.id, f] as const))(
    'the function %s, serving only public routes, can write nothing',
    (id) => {
      expect(writesOf(`${id}Function`)).toEqual([]);
    },
  );

  it('serves the public candidate list and receipts from functions with no write grant at all', () => {
    expect(publicOnly.map((f) => f.id)).toEqual(expect.arrayContaining(['Candidates', 'Receipts']));
  });

  it.each(voterRoutes.map((r) => [name(r), r] as const))(
    'the voter-flow route %s touches no S3 object and no staff data beyond the table',
    (_name, route) => {
      const grants = grantsOf(route);
      expect(grants.filter((g) => /^(uploads|verified|results):/.test(g))).toEqual([]);
      expect(
        grants.every((g) =>
          ['table:read', 'table:write', 'ballots:write', 'votes:send', 'sms:send', 'voter-secret:read'].includes(g),
        ),
      ).toBe(true);
    },
  );

  it('lets the voter-flow functions write only what they need: codes and sessions, or ballots and the vote queue', () => {
    const voterOnly = apiFunctions.filter((f) => f.routes.every((r) => r.auth === 'voter'));
    expect(voterOnly.map((f) => f.id).sort()).toEqual(['CastVotes', 'Voters']);
    // Casting decides each vote on the voter's ballot and sends the message; the tally worker does the rest.
    expect(writesOf('CastVotesFunction').sort()).toEqual([
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'sqs:SendMessage',
    ]);
    // ...and its table writes reach only the ballot, candidate-index and ledger partitions (the ledger only to withdraw
    // a request whose message it could not send; never counters, lanes or campaigns).
    const tableWrites = allowed('CastVotesFunction').filter((s) =>
      actions(s).some((a) => a.startsWith('dynamodb:Put')),
    );
    expect(tableWrites).toEqual([
      expect.objectContaining({
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['BALLOT#*', 'CANDIDATES#*', 'VOTES#*'] },
        },
      }),
    ]);
    // Codes, sessions and their limits in the table, and the text message (the check can fail: it finds these).
    expect(writesOf('VotersFunction').sort()).toEqual(
      [
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'sns:Publish',
      ].sort(),
    );
    for (const f of voterOnly) expect(s3Resources(`${f.id}Function`), f.id).toEqual([]);
  });

  it('grants S3 by prefix only, never on every object of the bucket', () => {
    const resources = functionIds.flatMap(s3Resources);
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      expect(resource).toMatch(
        /\/((verified\/)?campaigns\/\*\/(nominations|activity-reports)\/\*|results\/\*|archives\/\*)"/,
      );
    }
  });

  it('lets only the compute worker write published results (the API only requests a computation)', () => {
    expect(writersUnder('/results/*')).toEqual(['WorkerComputeResults']);
    expect(allRoutes().filter((r) => grantsOf(r).includes('results:write'))).toEqual([]);
  });

  it('lets only the verifier write verified copies', () => {
    expect(writersUnder('/verified/')).toEqual(['WorkerVerifyUpload']);
  });

  it("keeps the activity reports' photos to their function, the scoresheet and the verifier", () => {
    /** Functions allowed `action` on objects under exactly this prefix of the bucket. */
    const allowedOn = (action: string, prefix: string) =>
      functionIds
        .filter((id) =>
          allowed(id).some((s) => actions(s).includes(action) && JSON.stringify(s.Resource).includes(`"${prefix}"`)),
        )
        .sort();
    // Only the reports function signs their POSTs, only for its upload route; nobody else writes there.
    expect(allowedOn('s3:PutObject', '/campaigns/*/activity-reports/*')).toEqual(['ActivityReportsFunction']);
    expect(
      allRoutes()
        .filter((r) => grantsOf(r).includes('report-photos:write'))
        .map(name),
    ).toEqual(['POST /activity-reports/{rid}/uploads']);
    // Only the verifier reads and deletes what arrived, and writes the checked copies.
    expect(allowedOn('s3:GetObject', '/campaigns/*/activity-reports/*')).toEqual(['WorkerVerifyUpload']);
    expect(allowedOn('s3:DeleteObject', '/campaigns/*/activity-reports/*')).toEqual(['WorkerVerifyUpload']);
    expect(allowedOn('s3:PutObject', '/verified/campaigns/*/activity-reports/*')).toEqual(['WorkerVerifyUpload']);
    // The checked copies are read by the reports function (GET /activity-reports/{rid}) and the scoresheet only.
    expect(allowedOn('s3:GetObject', '/verified/campaigns/*/activity-reports/*')).toEqual([
      'ActivityReportsFunction',
      'JudgingFunction',
    ]);
  });

  it("lets only the publications function write the nominations' archives, through the admins' archive route", () => {
    expect(writersUnder('/archives/*')).toEqual(['PublicationsFunction']);
    expect(
      allRoutes()
        .filter((r) => grantsOf(r).includes('archives:write'))
        .map(name),
    ).toEqual(['POST /nominations/{nid}/archive']);
  });

  it('gives the Cognito admin calls to the accounts function only, on the staff user pool only', () => {
    const cognito = functionIds.filter((id) =>
      allowed(id).some((s) => actions(s).some((a) => a.startsWith('cognito-idp:'))),
    );
    expect(cognito).toEqual(['AccountsFunction']);
    const statements = allowed('AccountsFunction').filter((s) => actions(s).some((a) => a.startsWith('cognito-idp:')));
    expect(statements.flatMap(actions).sort()).toEqual([
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminDeleteUserAttributes',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminRemoveUserFromGroup',
      'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:ListUsers',
      'cognito-idp:ListUsersInGroup',
    ]);
    const [poolId] = Object.keys(template.findResources('AWS::Cognito::UserPool'));
    for (const s of statements) expect(s.Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
  });

  it('lets the notifications worker read and write the table and send SMS, and touch no object, queue or secret', () => {
    const worker = 'WorkerDeliverNotifications';
    expect(writesOf(worker).sort()).toEqual(
      [
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'sns:Publish',
      ].sort(),
    );
    expect(s3Resources(worker)).toEqual([]);
    const all = allowed(worker).flatMap(actions);
    expect(all.filter((a) => /^(sqs|secretsmanager|ses|s3):/.test(a))).toEqual([]);
    // Text messages go out from the voter codes' function and this worker only.
    expect(functionIds.filter((id) => writesOf(id).includes('sns:Publish')).sort()).toEqual(
      ['VotersFunction', worker].sort(),
    );
  });

  it('gives the e-mail port only with context mailFrom: ses:SendEmail on that identity, from that address, to the worker alone', () => {
    expect(functionIds.flatMap((id) => allowed(id).flatMap(actions)).filter((a) => a.startsWith('ses:'))).toEqual([]);
    const withMail = synthTestApp({ context: { mailFrom: 'notify@awards.example.cn' } });
    const sending = functionIds.filter((id) =>
      allowed(id, withMail).some((s) => actions(s).some((a) => a.startsWith('ses:'))),
    );
    expect(sending).toEqual(['WorkerDeliverNotifications']);
    const statement = allowed('WorkerDeliverNotifications', withMail).find((s) =>
      actions(s).includes('ses:SendEmail'),
    )!;
    expect(actions(statement)).toEqual(['ses:SendEmail']);
    expect(JSON.stringify(statement.Resource)).toContain(':identity/awards.example.cn');
    expect(statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'notify@awards.example.cn' } });
  });
});
