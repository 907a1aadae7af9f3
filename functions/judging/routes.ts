import type { RouteDefinition } from '../../infra/route-types';

const dir = 'functions/judging';

export const judgingRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/campaigns/{cid}/judges',
    entry: `${dir}/add-judge.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write'],
    summary: 'Add a judge',
  },
  {
    method: 'POST',
    path: '/campaigns/{cid}/conflicts',
    entry: `${dir}/declare-conflicts.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write'],
    summary: 'A judge declares conflicts',
  },
  {
    method: 'PUT',
    path: '/campaigns/{cid}/scores/{nid}',
    entry: `${dir}/save-score.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write'],
    summary: 'A judge scores a candidate',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/scoresheet',
    entry: `${dir}/get-scoresheet.ts`,
    auth: 'staff',
    grants: ['table:read'],
    summary: "A judge's candidates and own scores",
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/judging-progress',
    entry: `${dir}/get-judging-progress.ts`,
    auth: 'staff',
    grants: ['table:read'],
    summary: 'What scores are missing',
  },
  {
    method: 'POST',
    path: '/campaigns/{cid}/judging/close',
    entry: `${dir}/close-judging.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write'],
    summary: 'Close judging with a reason',
  },
];
