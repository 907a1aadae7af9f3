/**
 * Builds the app for infra tests the fast way: cdk.json's feature flags, bundling skipped,
 * CloudFormation validation off, synthesized once. The small route and worker lists exercise
 * every generic path of the API stack (auth kinds, each grant, each trigger type).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { projectRoot } from '../../infra/constructs/bundling';
import { addServiceAwardsStacks } from '../../infra/constructs/service-awards';
import type { RouteDefinition, WorkerDefinition } from '../../infra/route-types';

const entry = 'functions/system/health.ts';

export const testRoutes: RouteDefinition[] = [
  { method: 'GET', path: '/health', entry, auth: 'none', grants: [], summary: 'public, no grants' },
  {
    method: 'GET',
    path: '/campaigns/{cid}/nominations',
    entry,
    auth: 'staff',
    grants: ['table:read'],
    summary: 'staff, read only',
  },
  {
    method: 'POST',
    path: '/nominations/{nid}/uploads',
    entry,
    auth: 'staff',
    grants: ['table:read', 'table:write', 'uploads:write', 'uploads:read'],
    summary: 'presigned POST',
  },
  {
    method: 'POST',
    path: '/voter/otp',
    entry,
    auth: 'none',
    grants: ['table:read', 'table:write', 'sms:send', 'voter-secret:read'],
    summary: 'send a code',
  },
  {
    method: 'POST',
    path: '/campaigns/{cid}/votes',
    entry,
    auth: 'none',
    grants: ['table:read', 'votes:send', 'voter-secret:read'],
    summary: 'cast votes',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/tally',
    entry,
    auth: 'none',
    grants: ['table:read', 'votes:stats'],
    summary: 'tally',
  },
  {
    method: 'DELETE',
    path: '/nominations/{nid}/uploads/{uid}',
    entry,
    auth: 'staff',
    grants: ['uploads:delete'],
    summary: 'delete an upload',
  },
];

export const testWorkers: WorkerDefinition[] = [
  { id: 'tally-votes', entry, trigger: { type: 'sqs', queue: 'votes' }, grants: ['table:read', 'table:write'] },
  {
    id: 'verify-upload',
    entry,
    trigger: { type: 's3', bucket: 'uploads', prefix: 'uploads/' },
    grants: ['uploads:read', 'table:write'],
  },
  { id: 'advance-stages', entry, trigger: { type: 'schedule' }, grants: ['table:read', 'table:write'] },
];

const cdkContext = (
  JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }
).context;

/** Synthesizes both stacks once and returns their templates and constructs. */
export const synthTestApp = ({
  routes = testRoutes,
  workers = testWorkers,
  context = {},
  pagesDir,
}: {
  routes?: readonly RouteDefinition[];
  workers?: readonly WorkerDefinition[];
  context?: Record<string, unknown>;
  /** Built pages to deploy (a small fixture); left out, the web stack holds none. */
  pagesDir?: string;
} = {}) => {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], ...context },
  });
  const stacks = addServiceAwardsStacks(app, { routes, workers, appVersion: '0.0.0-test', pagesDir });
  app.synth();
  return {
    app,
    ...stacks,
    apiTemplate: Template.fromStack(stacks.api),
    statefulTemplate: Template.fromStack(stacks.stateful),
    webTemplate: Template.fromStack(stacks.web),
  };
};
