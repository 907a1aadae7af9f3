/**
 * GET /campaigns/{cid}/forms-print?district=: every submitted form of a district as one printable A4 document, for
 * that district and admins.
 */
import { requireRole } from '../../shared/http/identity';
import { parseQuery, pathParam } from '../../shared/http/request';
import { text } from '../../shared/http/responses';
import { MAIN_PHOTO } from '../../shared/nominations/nominations';
import { districtFormsDocument } from '../../shared/publications/district-forms';
import { publicPhotos } from '../../shared/uploads/uploads';
import { UPLOAD_URL_EXPIRY } from '../../shared/uploads/url-expiry';
import * as z from '../../shared/zod';
import { campaigns, nominations, uploadStorage, uploads } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

const querySchema = z.strictObject({ district: z.string().check(z.minLength(1), z.maxLength(40)) });

// As the single form's page: no script, inline styles and the (presigned) photos only.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:; base-uri 'none'; form-action 'none'";

export const printFormsRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/forms-print',
  auth: 'staff',
  summary: "A district's forms as one printable A4 document",
  uses: {
    campaigns: campaigns.read,
    nominations: nominations.read,
    uploads: uploads.read,
    storage: uploadStorage.read,
  },
  handle: (deps) => {
    const photoDeps = { uploads: deps.uploads, storage: deps.storage, expiry: UPLOAD_URL_EXPIRY };
    const photoUrl = async (nomination: { id: string; category: 'window' | 'star' }) =>
      (await publicPhotos(nomination.id, photoDeps)).find((p) => p.kind === MAIN_PHOTO[nomination.category])?.url;
    return async (event) => {
      const actor = requireRole(event, 'admin', 'district');
      const { district } = parseQuery(event, querySchema);
      const html = await districtFormsDocument(pathParam(event, 'cid'), district, actor, { ...deps, photoUrl });
      return text(200, html, 'text/html; charset=utf-8', { 'content-security-policy': CSP });
    };
  },
});
