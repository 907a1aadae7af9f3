/**
 * The CDK app: the stateful stack (data, retained) and the API stack (functions, API, triggers),
 * both environment-agnostic so `cdk synth` runs offline; the account and region come from the
 * credentials at deploy time. cdk-nag's AwsSolutions checks run on every synth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { projectRoot } from './constructs/bundling';
import { addServiceAwardsStacks } from './constructs/service-awards';
import { apiFunctions, authorizerFunction, workerFunctions } from '../functions/catalog';

const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

const app = new App();
addServiceAwardsStacks(app, {
  apiFunctions,
  workerFunctions,
  authorizer: authorizerFunction,
  appVersion: version,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
