/**
 * The activity reports function: units file and edit their reports and add photos; their department, district and
 * admins read them.
 */
import { serveRoutes } from '../runtime/http';
import { fileReportRoute } from './file-report';
import { getReportRoute } from './get-report';
import { listReportsRoute } from './list-reports';
import { requestReportUploadRoute } from './request-report-upload';
import { updateReportRoute } from './update-report';

export const activityReportRoutes = [
  fileReportRoute,
  listReportsRoute,
  getReportRoute,
  updateReportRoute,
  requestReportUploadRoute,
];

export const handler = serveRoutes(activityReportRoutes);
