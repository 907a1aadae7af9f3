/** The privacy dependencies, built once per process from the environment. */
import { config } from '../../shared/config';
import { createObjectionRepository } from '../../shared/objections/objection-repository';
import type { ErasureDeps, RetentionPeriods } from '../../shared/privacy/privacy';
import { createRetentionRepository } from '../../shared/privacy/retention-repository';
import { campaigns } from '../campaigns/wiring';
import { nominations } from '../nominations/wiring';
import { uploadDeps } from '../uploads/wiring';

export const erasureDeps: ErasureDeps = {
  nominations,
  campaigns,
  uploads: uploadDeps.uploads,
  storage: uploadDeps.storage,
};

export const retention = createRetentionRepository({ tableName: config.tableName });
export const objections = createObjectionRepository({ tableName: config.tableName });

export const retentionPeriods = (): RetentionPeriods => ({
  voterDataRetentionDays: config.voterDataRetentionDays,
  nomineeArchiveDays: config.nomineeArchiveDays,
});
