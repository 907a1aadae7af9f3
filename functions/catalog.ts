/**
 * Every Lambda function of the system, in one place: the CDK stack deploys each (its environment
 * and IAM policy derived from what its routes use) and the local system runs the same modules.
 * Staff and admin routes: one function per concept behind a router. The hot public paths (cast
 * votes, voter codes and sessions, the candidate list, receipts), the authorizer and each worker:
 * small functions of their own, so they load little and scale alone.
 */
import { activityReportRoutes } from './activity-reports/routes';
import { accountRoutes } from './accounts/routes';
import { staffAuthorizer } from './auth/staff-authorizer';
import { advanceStages } from './campaigns/advance-stages';
import { campaignRoutes } from './campaigns/routes';
import { candidateRoutes } from './candidates/routes';
import { judgingRoutes } from './judging/routes';
import { nominationRoutes } from './nominations/routes';
import { deliverNotificationsWorker } from './notifications/deliver-notifications';
import { notificationRoutes } from './notifications/routes';
import { objectionRoutes } from './objections/routes';
import { expirePersonalDataWorker } from './privacy/expire-personal-data';
import { privacyRoutes } from './privacy/routes';
import { publicationRoutes } from './publications/routes';
import { computeResults } from './results/compute-results';
import { registryRoutes } from './registry/routes';
import { resultRoutes } from './results/routes';
import type { AppFunction, Worker } from './runtime/function';
import type { HttpRoute } from './runtime/http';
import { systemRoutes } from './system/routes';
import { uploadRoutes } from './uploads/routes';
import { verifyUpload } from './uploads/verify-upload';
import { voterRoutes } from './voters/routes';
import { castVotesRoute } from './votes/cast-votes';
import { getReceiptRoute } from './votes/get-receipt';
import { voteRoutes } from './votes/routes';
import { keepDeadVotes } from './votes/keep-dead-votes';
import { tallyVotes } from './votes/tally-votes';

export interface ApiFunctionDefinition {
  /** Construct id in the stack (PascalCase). */
  id: string;
  /** The module whose `handler` serves these routes, relative to the repository root. */
  entry: string;
  routes: readonly HttpRoute[];
  /** Default 512 MB. */
  memoryMb?: number;
}

export interface WorkerFunctionDefinition {
  entry: string;
  worker: Worker;
}

export const apiFunctions: ApiFunctionDefinition[] = [
  { id: 'System', entry: 'functions/system/routes.ts', routes: systemRoutes },
  { id: 'Campaigns', entry: 'functions/campaigns/routes.ts', routes: campaignRoutes },
  { id: 'Nominations', entry: 'functions/nominations/routes.ts', routes: nominationRoutes },
  { id: 'Uploads', entry: 'functions/uploads/routes.ts', routes: uploadRoutes },
  { id: 'Candidates', entry: 'functions/candidates/routes.ts', routes: candidateRoutes },
  { id: 'Objections', entry: 'functions/objections/routes.ts', routes: objectionRoutes },
  { id: 'Judging', entry: 'functions/judging/routes.ts', routes: judgingRoutes },
  { id: 'Results', entry: 'functions/results/routes.ts', routes: resultRoutes },
  { id: 'Voters', entry: 'functions/voters/routes.ts', routes: voterRoutes },
  { id: 'CastVotes', entry: 'functions/votes/cast-votes.ts', routes: [castVotesRoute] },
  { id: 'Receipts', entry: 'functions/votes/get-receipt.ts', routes: [getReceiptRoute] },
  { id: 'Votes', entry: 'functions/votes/routes.ts', routes: voteRoutes },
  { id: 'Privacy', entry: 'functions/privacy/routes.ts', routes: privacyRoutes },
  // Archive ZIPs are built in memory: up to ~75 MB of verified uploads per nomination.
  { id: 'Publications', entry: 'functions/publications/routes.ts', routes: publicationRoutes, memoryMb: 1024 },
  { id: 'ActivityReports', entry: 'functions/activity-reports/routes.ts', routes: activityReportRoutes },
  { id: 'Registry', entry: 'functions/registry/routes.ts', routes: registryRoutes },
  { id: 'Accounts', entry: 'functions/accounts/routes.ts', routes: accountRoutes },
  { id: 'Notifications', entry: 'functions/notifications/routes.ts', routes: notificationRoutes },
];

export const workerFunctions: WorkerFunctionDefinition[] = [
  { entry: 'functions/campaigns/advance-stages.ts', worker: advanceStages },
  { entry: 'functions/uploads/verify-upload.ts', worker: verifyUpload },
  { entry: 'functions/votes/tally-votes.ts', worker: tallyVotes },
  { entry: 'functions/votes/keep-dead-votes.ts', worker: keepDeadVotes },
  { entry: 'functions/results/compute-results.ts', worker: computeResults },
  { entry: 'functions/privacy/expire-personal-data.ts', worker: expirePersonalDataWorker },
  { entry: 'functions/notifications/deliver-notifications.ts', worker: deliverNotificationsWorker },
];

export const authorizerFunction: { entry: string; fn: AppFunction } = {
  entry: 'functions/auth/staff-authorizer.ts',
  fn: staffAuthorizer,
};

/** Every route, in catalog order. */
export const allRoutes = (): HttpRoute[] => apiFunctions.flatMap((f) => f.routes);
