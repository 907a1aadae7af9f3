/** The notifications function: judges' reminders of missing scores and their opt-in (the sending is a worker's). */
import { serveRoutes } from '../runtime/http';
import { remindJudgesRoute } from './remind-judges';
import { setReminderContactRoute } from './set-reminder-contact';

export const notificationRoutes = [remindJudgesRoute, setReminderContactRoute];

export const handler = serveRoutes(notificationRoutes);
