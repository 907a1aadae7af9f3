/**
 * POST /activity-reports/{rid}/uploads: a presigned POST for one photo of the report, to the unit that filed it, while
 * the campaign is in `nomination`; the verifier checks the file as any upload's.
 */
import { reportToChange } from '../../shared/activity-reports/reports';
import { requireStaff } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { reportUploadRequestSchema } from '../../shared/uploads/upload';
import { requestReportUpload } from '../../shared/uploads/uploads';
import { UPLOAD_URL_EXPIRY } from '../../shared/uploads/url-expiry';
import { activityReports, campaigns, uploadStorage, uploads } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const requestReportUploadRoute = httpRoute({
  method: 'POST',
  path: '/activity-reports/{rid}/uploads',
  auth: 'staff',
  summary: 'Presigned POST for one photo of an activity report',
  uses: {
    reports: activityReports.read,
    campaigns: campaigns.read,
    uploads: uploads.write,
    storage: uploadStorage.reportPresign,
  },
  handle: (deps) => async (event) => {
    const actor = requireStaff(event);
    const report = await reportToChange(pathParam(event, 'rid'), actor, deps);
    const request = parseBody(event, reportUploadRequestSchema, 4096);
    return json(201, await requestReportUpload(report, request, actor, { ...deps, expiry: UPLOAD_URL_EXPIRY }));
  },
});
