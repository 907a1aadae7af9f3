/** PATCH /activity-reports/{rid}: the unit that filed the report changes its title, date or text. */
import { reportToChange, updateReport } from '../../shared/activity-reports/reports';
import { updateReportSchema } from '../../shared/activity-reports/report';
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { activityReports, campaigns } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const updateReportRoute = httpRoute({
  method: 'PATCH',
  path: '/activity-reports/{rid}',
  auth: 'staff',
  summary: 'Change an activity report',
  uses: { reports: activityReports.write, campaigns: campaigns.read },
  handle: (deps) => async (event) => {
    const actor = requireStaff(event);
    const report = await reportToChange(pathParam(event, 'rid'), actor, deps);
    const patch = parseBody(event, updateReportSchema, 32 * 1024);
    return json(200, await updateReport(report, patch, actor, deps));
  },
});
