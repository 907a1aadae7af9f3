/**
 * The stacks of the system and how they share resources. `infra/app.ts` and the infra tests call
 * this with the function catalog (functions/catalog.ts).
 */
import type { App } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { ApiStack, type ApiStackProps } from '../api-stack';
import { StatefulStack } from '../stateful-stack';
import { acknowledgeBucketDeployment, PAGES_BUCKET_NAME, pagesObjectsByName, WebStack } from '../web-stack';

export type ServiceAwardsProps = Pick<
  ApiStackProps,
  'apiFunctions' | 'workerFunctions' | 'authorizer' | 'appVersion' | 'env'
> & {
  /** The built web pages (web/dist) to deploy; the infra tests leave them out. */
  pagesDir?: string;
};

/**
 * Adds the stateful stack, the web stack (pages behind CloudFront) and the API stack, which receives
 * the table, bucket, queues and secret as props, limits its CORS to the site's origin and writes its
 * URL and the staff sign-in endpoints into the site's config.json (the pages read it).
 */
export const addServiceAwardsStacks = (app: App, { pagesDir, ...props }: ServiceAwardsProps) => {
  const web = new WebStack(app, 'ServiceAwardsWeb', {
    description: 'Service Excellence Awards: the web pages (S3 behind CloudFront)',
    pagesDir,
    env: props.env,
  });
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
    siteOrigin: web.siteOrigin,
  });
  new s3deploy.BucketDeployment(api, 'SiteConfig', {
    sources: [
      s3deploy.Source.jsonData('config.json', {
        apiUrl: api.api.url,
        publicApiUrl: api.publicApiUrl,
        staffSignIn: api.staffSignIn,
      }),
    ],
    // By name: a cross-stack reference in the deployment's policy would name an export.
    destinationBucket: s3.Bucket.fromBucketName(api, 'PagesBucket', PAGES_BUCKET_NAME),
    prune: false,
    distribution: web.distribution,
    distributionPaths: ['/config.json'],
  });
  acknowledgeBucketDeployment(api, pagesObjectsByName(api));
  return { stateful, web, api };
};
