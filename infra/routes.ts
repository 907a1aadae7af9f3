/**
 * Every API route and every worker, gathered from each concept's own list. The CDK stack and the
 * local runner both read these, so the deployed API and the local gateway never drift.
 */
import type { RouteDefinition, WorkerDefinition } from './route-types';
import { campaignRoutes, campaignWorkers } from '../functions/campaigns/routes';
import { systemRoutes } from '../functions/system/routes';

export const routes: RouteDefinition[] = [...systemRoutes, ...campaignRoutes];

export const workers: WorkerDefinition[] = [...campaignWorkers];
