/** The judging function: judges, their conflicts and scores, progress, and closing judging. */
import { serveRoutes } from '../runtime/http';
import { addJudgeRoute } from './add-judge';
import { closeJudgingRoute } from './close-judging';
import { declareConflictsRoute } from './declare-conflicts';
import { getJudgingProgressRoute } from './get-judging-progress';
import { getScoresheetRoute } from './get-scoresheet';
import { saveScoreRoute } from './save-score';

export const judgingRoutes = [
  addJudgeRoute,
  declareConflictsRoute,
  saveScoreRoute,
  getScoresheetRoute,
  getJudgingProgressRoute,
  closeJudgingRoute,
];

export const handler = serveRoutes(judgingRoutes);
