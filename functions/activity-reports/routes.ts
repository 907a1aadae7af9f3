/** The activity reports function: units file and edit their reports; their department, district and admins read them. */
import { serveRoutes } from '../runtime/http';
import { fileReportRoute } from './file-report';
import { getReportRoute } from './get-report';
import { listReportsRoute } from './list-reports';
import { updateReportRoute } from './update-report';

export const activityReportRoutes = [fileReportRoute, listReportsRoute, getReportRoute, updateReportRoute];

export const handler = serveRoutes(activityReportRoutes);
