/** The upload dependencies, built once per process from the environment. */
import { uploadsBucket } from '../../infra/definitions';
import { createCampaignRepository } from '../../shared/campaigns/campaign-repository';
import { config } from '../../shared/config';
import { createNominationRepository } from '../../shared/nominations/nomination-repository';
import type { UploadSummary } from '../../shared/uploads/upload';
import { createUploadRepository } from '../../shared/uploads/upload-repository';
import { createUploadStorage } from '../../shared/uploads/upload-storage';
import { summarizeUploads, type UploadDeps } from '../../shared/uploads/uploads';

export const uploadDeps: UploadDeps = {
  campaigns: createCampaignRepository({ tableName: config.tableName }),
  nominations: createNominationRepository({ tableName: config.tableName }),
  uploads: createUploadRepository({ tableName: config.tableName }),
  storage: createUploadStorage({ bucket: config.uploadsBucketName }),
  expiry: { postSeconds: uploadsBucket.presignedPostSeconds, getSeconds: uploadsBucket.presignedGetSeconds },
};

/** The submit check's port: verified uploads per kind of a nomination. */
export const uploadSummary = (nid: string): Promise<UploadSummary> => summarizeUploads(nid, uploadDeps);
