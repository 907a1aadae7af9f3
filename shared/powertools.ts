/** One Logger and one Metrics per process. Personal data is never passed to either. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'service-awards' });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'ServiceAwards',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'service-awards',
});
