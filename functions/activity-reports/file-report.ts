/** POST /campaigns/{cid}/activity-reports: an applicant unit files an activity report (title, date, text). */
import { fileReport, requireFilingUnit } from '../../shared/activity-reports/reports';
import { fileReportSchema } from '../../shared/activity-reports/report';
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { activityReports, campaigns } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const fileReportRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/activity-reports',
  auth: 'staff',
  summary: "File one of the unit's activity reports",
  uses: { reports: activityReports.write, campaigns: campaigns.read },
  handle: (deps) => async (event) => {
    const actor = requireStaff(event);
    requireFilingUnit(actor);
    const cid = pathParam(event, 'cid');
    const request = parseBody(event, fileReportSchema, 32 * 1024);
    return json(201, await fileReport(cid, request, actor, deps));
  },
});
