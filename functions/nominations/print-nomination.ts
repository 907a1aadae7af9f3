/**
 * GET /nominations/{nid}/print: the filled application form as a printable A4 page, for whoever may read the
 * nomination.
 */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { getNomination, MAIN_PHOTO } from '../../shared/nominations/nominations';
import { renderPrintableForm } from '../../shared/nominations/print';
import { publicPhotos } from '../../shared/uploads/uploads';
import { UPLOAD_URL_EXPIRY } from '../../shared/uploads/url-expiry';
import { campaigns, nominations, registry, uploadStorage, uploads } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

// The page runs no script and loads only inline styles and the (presigned) photo.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:; base-uri 'none'; form-action 'none'";

export const printNominationRoute = httpRoute({
  method: 'GET',
  path: '/nominations/{nid}/print',
  auth: 'staff',
  summary: 'Printable A4 application form',
  uses: {
    nominations: nominations.read,
    campaigns: campaigns.read,
    uploads: uploads.read,
    storage: uploadStorage.read,
    registry: registry.read,
  },
  handle: (deps) => {
    const photoDeps = { uploads: deps.uploads, storage: deps.storage, expiry: UPLOAD_URL_EXPIRY };
    return async (event) => {
      const actor = requireStaff(event);
      const nomination = await getNomination(pathParam(event, 'nid'), actor, deps);
      const [campaign, photos, department, unit] = await Promise.all([
        deps.campaigns.get(nomination.campaignId),
        publicPhotos(nomination.id, photoDeps),
        deps.registry.get('departments', nomination.department),
        nomination.unit ? deps.registry.get('units', nomination.unit) : undefined,
      ]);
      const photoUrl = photos.find((p) => p.kind === MAIN_PHOTO[nomination.category])?.url;
      const html = renderPrintableForm(nomination, {
        campaignName: campaign?.config.name ?? nomination.campaignId,
        deadline: campaign?.config.timing?.deadlines?.forward,
        departmentName: department?.name,
        unitName: unit?.name,
        ...(photoUrl ? { photoUrl } : {}),
      });
      return text(200, html, 'text/html; charset=utf-8', { 'content-security-policy': CSP });
    };
  },
});
