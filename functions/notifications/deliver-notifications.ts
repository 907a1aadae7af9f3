/**
 * The clock tick: turns new audit entries (review decisions, objection rulings, the move to `announcement`) into
 * notifications for those who opted in, and sends the pending ones through the SMS port (and the e-mail port where
 * configured), within each campaign's daily budget. Counts only in the log: never a recipient or a text.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { deliverNotifications } from '../../shared/notifications/notifications';
import { logger } from '../../shared/powertools';
import type { RateWindow } from '../../shared/voters/voter-sessions';
import { audit, campaigns, mail, nominations, notifications, objections, sms, voters } from '../runtime/adapters';
import { defineWorker, serveFunction } from '../runtime/function';

/** No send is started this long before the function's timeout. */
const MARGIN_MS = 15_000;

export const deliverNotificationsWorker = defineWorker({
  id: 'DeliverNotifications',
  trigger: { type: 'schedule' },
  uses: {
    audit: audit.read,
    campaigns: campaigns.read,
    nominations: nominations.read,
    objections: objections.read,
    notifications: notifications.write,
    voters: voters.write,
    sms: sms.send,
    mail: mail.send,
  },
  handle:
    ({ voters, mail, ...deps }) =>
    async (_event: ScheduledEvent, context: Context) => {
      const consumeBudget = (window: RateWindow) => voters.consumeBudget(window);
      const deadline = Date.now() + context.getRemainingTimeInMillis() - MARGIN_MS;
      for (const outcome of await deliverNotifications({ ...deps, email: mail, consumeBudget, deadline }))
        if (outcome.created + outcome.sent + outcome.overBudget + outcome.failed + outcome.retrying > 0)
          logger.info('Notifications', outcome);
    },
});

export const handler = serveFunction(deliverNotificationsWorker);
