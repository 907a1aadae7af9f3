/** What the public candidate list needs: the campaign, the approved nominations and their verified photos. */
import type { CandidateDeps } from '../../shared/candidates/candidates';
import { publicPhotos } from '../../shared/uploads/uploads';
import { UPLOAD_URL_EXPIRY } from '../../shared/uploads/url-expiry';
import type { DepsOf } from '../runtime/adapter';
import { bucketReader, campaigns, nominations, uploads } from '../runtime/adapters';

/** Public routes: read modes only. */
export const candidateUses = {
  campaigns: campaigns.read,
  nominations: nominations.read,
  uploads: uploads.read,
  storage: bucketReader.photos,
};

export const candidateDeps = (deps: DepsOf<typeof candidateUses>): CandidateDeps => {
  const photoDeps = { uploads: deps.uploads, storage: deps.storage, expiry: UPLOAD_URL_EXPIRY };
  return {
    campaigns: deps.campaigns,
    nominations: deps.nominations,
    photos: (nid) => publicPhotos(nid, photoDeps),
  };
};
