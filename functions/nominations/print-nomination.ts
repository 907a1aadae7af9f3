/** GET /nominations/{nid}/print: the filled application form as a printable A4 page, for whoever may read the nomination. */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { getNomination, MAIN_PHOTO } from '../../shared/nominations/nominations';
import { renderPrintableForm } from '../../shared/nominations/print';
import { publicPhotos } from '../../shared/uploads/uploads';
import { uploadDeps } from '../uploads/wiring';
import { campaigns } from '../campaigns/wiring';
import { nominationDeps } from './wiring';

// The page runs no script and loads only inline styles and the (presigned) photo.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:; base-uri 'none'; form-action 'none'";

export const handler = withHttp(async (event) => {
  const actor = requireStaff(event);
  const nomination = await getNomination(pathParam(event, 'nid'), actor, nominationDeps);
  const [campaign, photos] = await Promise.all([
    campaigns.get(nomination.campaignId),
    publicPhotos(nomination.id, uploadDeps),
  ]);
  const photoUrl = photos.find((p) => p.kind === MAIN_PHOTO[nomination.category])?.url;
  const html = renderPrintableForm(nomination, {
    campaignName: campaign?.config.name ?? nomination.campaignId,
    ...(photoUrl ? { photoUrl } : {}),
  });
  return text(200, html, 'text/html; charset=utf-8', { 'content-security-policy': CSP });
});
