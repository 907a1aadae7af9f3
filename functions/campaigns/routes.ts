import type { RouteDefinition, WorkerDefinition } from '../../infra/route-types';

const dir = 'functions/campaigns';

export const campaignRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/campaigns',
    entry: `${dir}/create-campaign.ts`,
    auth: 'staff',
    grants: ['table:write'],
    summary: 'Create a campaign in draft',
  },
  {
    method: 'GET',
    path: '/campaigns',
    entry: `${dir}/list-campaigns.ts`,
    auth: 'none',
    grants: ['table:read'],
    summary: 'Public view of campaigns',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}',
    entry: `${dir}/get-campaign.ts`,
    auth: 'none',
    grants: ['table:read'],
    summary: 'Public view of one campaign',
  },
  {
    method: 'PATCH',
    path: '/campaigns/{cid}',
    entry: `${dir}/update-campaign.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write'],
    summary: 'Change configuration',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/transitions',
    entry: `${dir}/list-transitions.ts`,
    auth: 'staff',
    grants: ['table:read', 'votes:stats'],
    summary: 'Dry run of the next stage move',
  },
  {
    method: 'POST',
    path: '/campaigns/{cid}/transitions',
    entry: `${dir}/transition-campaign.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write', 'votes:stats'],
    summary: 'Move to the next stage',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/audit',
    entry: `${dir}/list-audit.ts`,
    auth: 'staff',
    grants: ['table:read'],
    summary: 'Audit trail',
  },
];

export const campaignWorkers: WorkerDefinition[] = [
  {
    id: 'AdvanceStages',
    entry: `${dir}/advance-stages.ts`,
    trigger: { type: 'schedule' },
    grants: ['table:read', 'table:write', 'votes:stats'],
  },
];
