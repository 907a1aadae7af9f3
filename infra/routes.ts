/**
 * Every API route and every worker, gathered from each concept's own list. The CDK stack and the
 * local runner both read these, so the deployed API and the local gateway never drift.
 */
import type { RouteDefinition, WorkerDefinition } from './route-types';
import { campaignRoutes, campaignWorkers } from '../functions/campaigns/routes';
import { systemRoutes } from '../functions/system/routes';
import { judgingRoutes } from '../functions/judging/routes';
import { resultRoutes, resultWorkers } from '../functions/results/routes';
import { nominationRoutes } from '../functions/nominations/routes';
import { uploadRoutes, uploadWorkers } from '../functions/uploads/routes';
import { candidateRoutes } from '../functions/candidates/routes';
import { objectionRoutes } from '../functions/objections/routes';
import { privacyRoutes, privacyWorkers } from '../functions/privacy/routes';
import { voterRoutes } from '../functions/voters/routes';
import { voteRoutes, voteWorkers } from '../functions/votes/routes';

export const routes: RouteDefinition[] = [
  ...systemRoutes,
  ...campaignRoutes,
  ...nominationRoutes,
  ...uploadRoutes,
  ...candidateRoutes,
  ...objectionRoutes,
  ...judgingRoutes,
  ...resultRoutes,
  ...voterRoutes,
  ...voteRoutes,
  ...privacyRoutes,
];

export const workers: WorkerDefinition[] = [
  ...campaignWorkers,
  ...uploadWorkers,
  ...voteWorkers,
  ...resultWorkers,
  ...privacyWorkers,
];
