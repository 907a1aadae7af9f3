/**
 * The CDK app: the stateful stack (data, retained), the web stack (pages behind CloudFront; built
 * first when missing or stale) and the API stack (functions, API, triggers), all environment-agnostic so `cdk synth`
 * runs offline; the account and region come from the
 * credentials at deploy time. cdk-nag's AwsSolutions checks run on every synth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { projectRoot } from './constructs/bundling';
import { addServiceAwardsStacks } from './constructs/service-awards';
import { apiFunctions, authorizerFunction, workerFunctions } from '../functions/catalog';
import { buildPagesIfStale } from './local/web-pages';
import { WEB_DIST } from './web-stack';

const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

const app = new App();
await buildPagesIfStale();
addServiceAwardsStacks(app, {
  apiFunctions,
  workerFunctions,
  authorizer: authorizerFunction,
  appVersion: version,
  pagesDir: WEB_DIST,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
