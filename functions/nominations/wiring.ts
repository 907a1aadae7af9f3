/** The nomination repository and use-case dependencies, built once per process from the environment. */
import { config } from '../../shared/config';
import { createNominationRepository } from '../../shared/nominations/nomination-repository';
import { campaigns } from '../campaigns/wiring';

export const nominations = createNominationRepository({ tableName: config.tableName });

export const nominationDeps = { nominations, campaigns };
