/** GET /campaigns/{cid}/activity-reports: the reports the caller may read (its unit's, department's, district's; admins all). */
import { listReports } from '../../shared/activity-reports/reports';
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { activityReports, campaigns } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const listReportsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/activity-reports',
  auth: 'staff',
  summary: 'Activity reports the caller may read',
  uses: { reports: activityReports.read, campaigns: campaigns.read },
  handle: (deps) => async (event) => {
    const reports = await listReports(pathParam(event, 'cid'), requireStaff(event), deps);
    return json(200, { reports, count: reports.length });
  },
});
