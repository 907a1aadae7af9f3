import type { RouteDefinition } from '../../infra/route-types';

const dir = 'functions/candidates';

export const candidateRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/campaigns/{cid}/candidates',
    entry: `${dir}/list-candidates.ts`,
    auth: 'none',
    grants: ['table:read', 'verified:read'],
    summary: 'Public candidate list (公示), without personal data',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/candidates/{nid}',
    entry: `${dir}/get-candidate.ts`,
    auth: 'none',
    grants: ['table:read', 'verified:read'],
    summary: 'One public candidate with photo URLs',
  },
];
