/** GET /activity-reports/{rid}: one report, for its unit, department, district and admins (404 for anyone else). */
import { getReport } from '../../shared/activity-reports/reports';
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { activityReports } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const getReportRoute = httpRoute({
  method: 'GET',
  path: '/activity-reports/{rid}',
  auth: 'staff',
  summary: 'One activity report',
  uses: { reports: activityReports.read },
  handle: (deps) => async (event) => json(200, await getReport(pathParam(event, 'rid'), requireStaff(event), deps)),
});
