/**
 * Least privilege, read from the template synthesized with the real routes and workers: no public
 * route's role can write anything, S3 access is by prefix (never the whole bucket), and published
 * results are written only by the compute worker (and the admins' compute route).
 */
import type { CfnElement } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import type { AppFunction } from '../../infra/constructs/app-function';
import { routes, workers } from '../../infra/routes';
import { synthTestApp } from './test-app';

const { api, apiTemplate: template } = synthTestApp({ routes, workers });

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

const pascal = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

/** The Allow statements of a function's role (inline and attached policies). */
const allowed = (constructId: string): Statement[] => {
  const fn = api.node.findChild(constructId) as AppFunction;
  const roleId = api.getLogicalId(fn.role.node.defaultChild as CfnElement);
  const inline = (template.toJSON().Resources[roleId].Properties.Policies ?? []) as Array<{
    PolicyDocument: { Statement: Statement[] };
  }>;
  const attached = Object.values(template.findResources('AWS::IAM::Policy')).filter(
    (policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
  );
  return [...inline, ...attached.map((policy) => policy.Properties)]
    .flatMap((policy) => policy.PolicyDocument.Statement as Statement[])
    .filter((s) => s.Effect === 'Allow');
};
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const WRITE =
  /^(dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|PartiQL(Insert|Update|Delete))|s3:(Put|Delete|Abort|Restore|Replicate)\w*|sqs:(SendMessage|DeleteMessage|PurgeQueue)\w*|sns:Publish|secretsmanager:(Put|Update)\w*)$/;
const writesOf = (constructId: string) =>
  allowed(constructId)
    .flatMap(actions)
    .filter((a) => WRITE.test(a));
const routeId = (r: { method: string; path: string }) => `Route${pascal(`${r.method} ${r.path}`)}`;
const s3Resources = (constructId: string) =>
  allowed(constructId)
    .filter((s) => actions(s).some((a) => a.startsWith('s3:')))
    .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
    .map((r) => JSON.stringify(r));

describe('least privilege', () => {
  const publicRoutes = routes.filter((r) => r.auth === 'none');

  it.each(publicRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    'the public route %s can write nothing',
    (_name, route) => {
      expect(writesOf(routeId(route))).toEqual([]);
    },
  );

  it('lets voter-flow routes write the table (their own records) or send votes, and touch no S3 object', () => {
    for (const route of routes.filter((r) => r.auth === 'voter')) {
      const granted = allowed(routeId(route)).flatMap(actions);
      expect(
        granted.filter((a) => a.startsWith('s3:')),
        `${route.method} ${route.path}`,
      ).toEqual([]);
    }
  });

  it('finds the writes it looks for (the check itself can fail)', () => {
    expect(writesOf(routeId({ method: 'POST', path: '/voter/otp' }))).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'sns:Publish']),
    );
  });

  it('grants S3 by prefix only, never on every object of the bucket', () => {
    const ids = [...routes.map(routeId), ...workers.map((w) => `Worker${pascal(w.id)}`)];
    const resources = ids.flatMap(s3Resources);
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      expect(resource).toMatch(
        /\/(campaigns\/\*\/nominations\/\*|verified\/campaigns\/\*\/nominations\/\*|results\/\*)"/,
      );
    }
  });

  it('lets only the compute worker and the admins compute route write published results', () => {
    const writers = [...routes.map(routeId), ...workers.map((w) => `Worker${pascal(w.id)}`)].filter((id) =>
      allowed(id).some(
        (s) => actions(s).some((a) => a.startsWith('s3:Put')) && JSON.stringify(s.Resource).includes('/results/*'),
      ),
    );
    expect(writers.sort()).toEqual(['RoutePOSTCampaignsCidResultsCompute', 'WorkerComputeResults']);
  });

  it('lets only the verifier write verified copies', () => {
    const writers = [...routes.map(routeId), ...workers.map((w) => `Worker${pascal(w.id)}`)].filter((id) =>
      allowed(id).some((s) => actions(s).includes('s3:PutObject') && JSON.stringify(s.Resource).includes('/verified/')),
    );
    expect(writers).toEqual(['WorkerVerifyUpload']);
  });
});
