/**
 * The two stacks of the system and how they share resources. `infra/app.ts` and the infra tests
 * call this with the function catalog (functions/catalog.ts).
 */
import type { App } from 'aws-cdk-lib';
import { ApiStack, type ApiStackProps } from '../api-stack';
import { StatefulStack } from '../stateful-stack';

export type ServiceAwardsProps = Pick<
  ApiStackProps,
  'apiFunctions' | 'workerFunctions' | 'authorizer' | 'appVersion' | 'env'
>;

/** Adds the stateful stack and the API stack, which receives the table, bucket, queues and secret as props. */
export const addServiceAwardsStacks = (app: App, props: ServiceAwardsProps) => {
  const stateful = new StatefulStack(app, 'ServiceAwardsStateful', {
    description: 'Service Excellence Awards: table, uploads, votes queue, voter secret',
    env: props.env,
  });
  const api = new ApiStack(app, 'ServiceAwardsApi', {
    description: 'Service Excellence Awards: API, functions, authorizer, WAF, staff user pool',
    table: stateful.table,
    uploads: stateful.uploads,
    votesQueue: stateful.votesQueue,
    votesDlq: stateful.votesDlq,
    voterSecret: stateful.voterSecret,
    ...props,
  });
  return { stateful, api };
};
