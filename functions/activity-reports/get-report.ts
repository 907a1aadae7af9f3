/**
 * GET /activity-reports/{rid}: one report with its verified photos, for its unit, department, district and admins (404
 * for anyone else).
 */
import { getReport } from '../../shared/activity-reports/reports';
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { reportPhotos } from '../../shared/uploads/uploads';
import { UPLOAD_URL_EXPIRY } from '../../shared/uploads/url-expiry';
import { activityReports, uploadStorage, uploads } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const getReportRoute = httpRoute({
  method: 'GET',
  path: '/activity-reports/{rid}',
  auth: 'staff',
  summary: 'One activity report',
  uses: { reports: activityReports.read, uploads: uploads.read, storage: uploadStorage.reportRead },
  handle: (deps) => async (event) => {
    const report = await getReport(pathParam(event, 'rid'), requireStaff(event), deps);
    const photos = await reportPhotos(report.id, { ...deps, expiry: UPLOAD_URL_EXPIRY });
    return json(200, { ...report, photos });
  },
});
