import type { RouteDefinition } from '../../infra/route-types';

const dir = 'functions/objections';

export const objectionRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/campaigns/{cid}/candidates/{nid}/objections',
    entry: `${dir}/file-objection.ts`,
    auth: 'voter',
    grants: ['table:read', 'table:write', 'voter-secret:read'],
    summary: 'File an objection on a candidate (voter token: a verified mobile; limited per voter)',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/objections',
    entry: `${dir}/list-objections.ts`,
    auth: 'staff',
    grants: ['table:read'],
    summary: 'Objections with their rulings',
  },
  {
    method: 'POST',
    path: '/objections/{oid}/ruling',
    entry: `${dir}/rule-objection.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write'],
    summary: 'Rule on an objection; upholding disqualifies the candidate',
  },
  {
    method: 'POST',
    path: '/campaigns/{cid}/objections/rulings',
    entry: `${dir}/rule-objections.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write'],
    summary: 'Rule on several objections at once with one reason, each ruling audited',
  },
];
