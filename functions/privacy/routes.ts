import type { RouteDefinition, WorkerDefinition } from '../../infra/route-types';

const dir = 'functions/privacy';

export const privacyRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/voter/consent',
    entry: `${dir}/get-consent.ts`,
    auth: 'none',
    grants: [],
    summary: 'The personal-information notice shown where a voter requests a code',
  },
  {
    method: 'POST',
    path: '/nominations/{nid}/personal-data/erasure',
    entry: `${dir}/erase-personal-data.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write', 'uploads:delete'],
    summary: "Delete a nominee's personal fields and uploads on request (admin, audited)",
  },
];

export const privacyWorkers: WorkerDefinition[] = [
  {
    id: 'ExpirePersonalData',
    entry: `${dir}/expire-personal-data.ts`,
    trigger: { type: 'schedule' },
    grants: ['table:read', 'table:write', 'uploads:delete'],
    timeoutSeconds: 300,
  },
];
