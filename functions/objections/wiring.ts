/** The objection dependencies, built once per process from the environment. */
import { config } from '../../shared/config';
import { createObjectionRepository } from '../../shared/objections/objection-repository';
import type { FilingDeps } from '../../shared/objections/objections';
import { createRateLimiter } from '../../shared/objections/rate-limiter';
import { campaigns } from '../campaigns/wiring';
import { nominations } from '../candidates/wiring';

/** Filing also needs the voter keys, which load asynchronously (functions/voters/wiring.ts). */
export const objectionDeps: Omit<FilingDeps, 'keys'> = {
  campaigns,
  nominations,
  objections: createObjectionRepository({ tableName: config.tableName }),
  limiter: createRateLimiter({ tableName: config.tableName }),
};
