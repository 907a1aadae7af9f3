/** Judging dependencies, built once per process from the environment. */
import { config } from '../../shared/config';
import { nominationCandidates } from '../../shared/judging/candidates';
import { createJudgingRepository } from '../../shared/judging/judging-repository';
import type { JudgingDeps } from '../../shared/judging/judging';
import { campaigns } from '../campaigns/wiring';
import { nominations } from '../nominations/wiring';

export const judging = createJudgingRepository({ tableName: config.tableName });
export const candidates = nominationCandidates(nominations);

export const judgingDeps: JudgingDeps = { campaigns, judging, candidates };
