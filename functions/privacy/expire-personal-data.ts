/**
 * The clock tick: gives closed campaigns' voter data its TTL and erases nominees' personal data past the archive
 * period.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/powertools';
import { expirePersonalData } from '../../shared/privacy/privacy';
import { objections, retention, retentionPeriods } from '../runtime/adapters';
import { defineWorker, serveFunction } from '../runtime/function';
import { erasureUses } from './erase-personal-data';

/** Stop starting work this long before the function's timeout. */
const MARGIN_MS = 15_000;

export const expirePersonalDataWorker = defineWorker({
  id: 'ExpirePersonalData',
  trigger: { type: 'schedule' },
  uses: { ...erasureUses, retention: retention.write, objections: objections.write, periods: retentionPeriods.read },
  timeoutSeconds: 300,
  handle:
    ({ periods, ...deps }) =>
    async (_event: ScheduledEvent, context: Context) => {
      const deadline = Date.now() + context.getRemainingTimeInMillis() - MARGIN_MS;
      for (const outcome of await expirePersonalData(periods, deadline, deps))
        logger.info('Personal data retention', outcome);
    },
});

export const handler = serveFunction(expirePersonalDataWorker);
