/**
 * POST /nominations/{nid}/archive: a ZIP of one nomination's materials (the form as HTML and JSON, every verified
 * upload) for the office's archive, written to the bucket and handed out as a presigned link; admins only.
 */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { archiveNomination } from '../../shared/publications/archive';
import { archiveFiles, campaigns, nominations, uploadStorage, uploads } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const archiveNominationRoute = httpRoute({
  method: 'POST',
  path: '/nominations/{nid}/archive',
  auth: 'staff',
  summary: "ZIP of one nomination's materials (link)",
  uses: {
    nominations: nominations.read,
    campaigns: campaigns.read,
    uploads: uploads.read,
    storage: uploadStorage.read,
    files: archiveFiles.write,
  },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    return json(201, await archiveNomination(pathParam(event, 'nid'), actor, deps));
  },
});
