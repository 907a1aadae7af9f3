/** The clock tick: gives closed campaigns' voter data its TTL and erases nominees' personal data past the archive period. */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/powertools';
import { expirePersonalData } from '../../shared/privacy/privacy';
import { erasureDeps, objections, retention, retentionPeriods } from './wiring';

/** Stop starting work this long before the function's timeout. */
const MARGIN_MS = 15_000;

export const handler = async (_event: ScheduledEvent, context: Context): Promise<void> => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - MARGIN_MS;
  for (const outcome of await expirePersonalData(retentionPeriods(), deadline, {
    ...erasureDeps,
    retention,
    objections,
  }))
    logger.info('Personal data retention', outcome);
};
