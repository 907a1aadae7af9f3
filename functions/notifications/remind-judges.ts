/** POST /campaigns/{cid}/judging-reminders: an admin reminds the judges with scores missing (those who opted in). */
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { remindJudges, reminderRequestSchema } from '../../shared/notifications/notifications';
import { judgingDeps, judgingReadUses } from '../judging/judging-deps';
import { notifications } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const remindJudgesRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/judging-reminders',
  auth: 'staff',
  summary: 'Remind judges of missing scores (text message or e-mail, to judges who opted in; once a day each)',
  uses: { ...judgingReadUses, notifications: notifications.write },
  handle: (adapters) => {
    const deps = { ...judgingDeps(adapters), notifications: adapters.notifications };
    return async (event) => {
      const actor = requireRole(event, 'admin');
      const request = parseBody(event, reminderRequestSchema);
      return json(200, await remindJudges(pathParam(event, 'cid'), request, actor, deps));
    };
  },
});
