/**
 * Builds the app for infra tests the fast way: cdk.json's feature flags, bundling skipped,
 * CloudFormation validation off, synthesized once, with the real function catalog
 * (functions/catalog.ts), which exercises every grant, auth kind and trigger type.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type Environment } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { apiFunctions, authorizerFunction, workerFunctions } from '../../functions/catalog';
import { projectRoot } from '../../infra/constructs/bundling';
import { addServiceAwardsStacks } from '../../infra/constructs/service-awards';

const cdkContext = (
  JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }
).context;

/** Synthesizes both stacks once and returns their templates and constructs. */
export const synthTestApp = ({
  context = {},
  env,
  pagesDir,
}: {
  context?: Record<string, unknown>;
  env?: Environment;
  /** Built pages to deploy (a small fixture); left out, the web stack holds none. */
  pagesDir?: string;
} = {}) => {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], ...context },
  });
  const stacks = addServiceAwardsStacks(app, {
    apiFunctions,
    workerFunctions,
    authorizer: authorizerFunction,
    appVersion: '0.0.0-test',
    env,
    pagesDir,
  });
  app.synth();
  return {
    app,
    ...stacks,
    apiTemplate: Template.fromStack(stacks.api),
    statefulTemplate: Template.fromStack(stacks.stateful),
    webTemplate: Template.fromStack(stacks.web),
  };
};
