/** The results function: the results and their published files, (re)computing, overrides, exports and certificates. */
import { serveRoutes } from '../runtime/http';
import { computeResultsNowRoute } from './compute-results-now';
import { exportResultsRoute } from './export-results';
import { exportScoresRoute } from './export-scores';
import { exportVotesRoute } from './export-votes';
import { getCertificateRoute } from './get-certificate';
import { getComputationRoute } from './get-computation';
import { getResultFilesRoute } from './get-result-files';
import { getResultsRoute } from './get-results';
import { recordOverrideRoute } from './record-override';

export const resultRoutes = [
  getResultsRoute,
  computeResultsNowRoute,
  getComputationRoute,
  getResultFilesRoute,
  recordOverrideRoute,
  exportScoresRoute,
  exportResultsRoute,
  exportVotesRoute,
  getCertificateRoute,
];

export const handler = serveRoutes(resultRoutes);
