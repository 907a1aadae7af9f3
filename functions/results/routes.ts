import type { RouteDefinition, WorkerDefinition } from '../../infra/route-types';

const dir = 'functions/results';

export const resultRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/campaigns/{cid}/results',
    entry: `${dir}/get-results.ts`,
    auth: 'none',
    grants: ['table:read'],
    summary: 'Results: admins from scoring, anyone from announcement',
  },
  {
    method: 'POST',
    path: '/campaigns/{cid}/results/compute',
    entry: `${dir}/compute-results-now.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write'],
    summary: 'Request a new results version in scoring (202; the worker computes it)',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/results/compute',
    entry: `${dir}/get-computation.ts`,
    auth: 'staff',
    grants: ['table:read'],
    summary: 'The newest results computation request and its progress',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/results/files',
    entry: `${dir}/get-result-files.ts`,
    auth: 'none',
    grants: ['table:read', 'uploads:read', 'uploads:write'],
    summary: 'Links to the published results, votes list and overrides (brought up to date first)',
  },
  {
    method: 'POST',
    path: '/campaigns/{cid}/results/overrides',
    entry: `${dir}/record-override.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write'],
    summary: 'Override an award with a reason',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/exports/scores',
    entry: `${dir}/export-scores.ts`,
    auth: 'staff',
    grants: ['table:read'],
    summary: 'CSV of scores per judge and criterion',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/exports/results',
    entry: `${dir}/export-results.ts`,
    auth: 'staff',
    grants: ['table:read'],
    summary: 'CSV of the results',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/exports/votes',
    entry: `${dir}/export-votes.ts`,
    auth: 'staff',
    grants: ['table:read', 'uploads:read'],
    summary: 'Link to the CSV of the counted votes (anonymised)',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/certificates/{nid}',
    entry: `${dir}/get-certificate.ts`,
    auth: 'staff',
    grants: ['table:read'],
    summary: 'Printable certificate of a winner',
  },
];

export const resultWorkers: WorkerDefinition[] = [
  {
    id: 'ComputeResults',
    entry: `${dir}/compute-results.ts`,
    trigger: { type: 'schedule' },
    grants: ['table:read', 'table:write', 'uploads:write', 'votes:stats'],
    timeoutSeconds: 900,
    memoryMb: 1024,
  },
];
