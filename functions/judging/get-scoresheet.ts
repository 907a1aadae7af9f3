/**
 * GET /campaigns/{cid}/scoresheet: the judge's candidates with their case files, the criteria and the judge's own
 * scores so far.
 */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { caseFilesFrom } from '../../shared/judging/case-files';
import { scoresheet } from '../../shared/judging/judging';
import { UPLOAD_URL_EXPIRY } from '../../shared/uploads/url-expiry';
import { activityReports, uploadStorage, uploads } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { judgingDeps, judgingReadUses } from './judging-deps';

export const getScoresheetRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/scoresheet',
  auth: 'staff',
  summary: "A judge's candidates with their case files, and own scores",
  uses: {
    ...judgingReadUses,
    uploads: uploads.read,
    storage: uploadStorage.caseFiles,
    reports: activityReports.read,
  },
  handle: (adapters) => {
    const deps = {
      ...judgingDeps(adapters),
      caseFiles: caseFilesFrom({ ...adapters, expiry: UPLOAD_URL_EXPIRY }),
    };
    return async (event) => {
      const actor = requireRole(event, 'judge');
      return json(200, await scoresheet(pathParam(event, 'cid'), actor, deps));
    };
  },
});
