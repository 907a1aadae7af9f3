/**
 * The two stacks of the system and how they share resources. `infra/app.ts` calls this with the
 * real route and worker lists; the infra tests call it with small lists of their own.
 */
import type { App, Environment } from 'aws-cdk-lib';
import { ApiStack } from '../api-stack';
import type { RouteDefinition, WorkerDefinition } from '../route-types';
import { StatefulStack } from '../stateful-stack';

export interface ServiceAwardsProps {
  routes: readonly RouteDefinition[];
  workers: readonly WorkerDefinition[];
  appVersion: string;
  /** Account and region; without it the stacks are environment-agnostic (`cdk synth` offline). */
  env?: Environment;
}

/** Adds the stateful stack and the API stack, which receives the table, bucket, queues and secret as props. */
export const addServiceAwardsStacks = (app: App, { routes, workers, appVersion, env }: ServiceAwardsProps) => {
  const stateful = new StatefulStack(app, 'ServiceAwardsStateful', {
    description: 'Service Excellence Awards: table, uploads, votes queue, voter secret',
    env,
  });
  const api = new ApiStack(app, 'ServiceAwardsApi', {
    description: 'Service Excellence Awards: API, functions, authorizer, WAF, staff user pool',
    table: stateful.table,
    uploads: stateful.uploads,
    votesQueue: stateful.votesQueue,
    votesDlq: stateful.votesDlq,
    voterSecret: stateful.voterSecret,
    routes,
    workers,
    appVersion,
    env,
  });
  return { stateful, api };
};
