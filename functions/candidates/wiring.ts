/** The candidate list's dependencies, built once per process from the environment. */
import { config } from '../../shared/config';
import type { CandidateDeps } from '../../shared/candidates/candidates';
import { createNominationRepository } from '../../shared/nominations/nomination-repository';
import { publicPhotos } from '../../shared/uploads/uploads';
import { campaigns } from '../campaigns/wiring';
import { uploadDeps } from '../uploads/wiring';

export const nominations = createNominationRepository({ tableName: config.tableName });

export const candidateDeps: CandidateDeps = {
  campaigns,
  nominations,
  photos: (nid) => publicPhotos(nid, uploadDeps),
};
