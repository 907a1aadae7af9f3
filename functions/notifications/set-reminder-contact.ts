/** PUT /campaigns/{cid}/judging-reminders: a judge of the campaign opts in to reminders (mobile, e-mail) or out. */
import { parseBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { judgeContactRequestSchema, setJudgeContact } from '../../shared/notifications/notifications';
import { judgingDeps, judgingReadUses, requireJudgeOf } from '../judging/judging-deps';
import { notifications } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const setReminderContactRoute = httpRoute({
  method: 'PUT',
  path: '/campaigns/{cid}/judging-reminders',
  auth: 'staff',
  summary: "A judge's opt-in to reminders of missing scores, with their mobile and/or e-mail (or opt-out)",
  uses: { ...judgingReadUses, notifications: notifications.write },
  handle: (adapters) => {
    const deps = judgingDeps(adapters);
    return async (event) => {
      const { actor, cid } = await requireJudgeOf(event, deps);
      const request = parseBody(event, judgeContactRequestSchema);
      return json(200, await setJudgeContact(cid, request, actor, { notifications: adapters.notifications }));
    };
  },
});
