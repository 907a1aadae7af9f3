import type { RouteDefinition } from '../../infra/route-types';

const dir = 'functions/nominations';
const read: RouteDefinition['grants'] = ['table:read'];
const write: RouteDefinition['grants'] = ['table:read', 'table:write'];

export const nominationRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/campaigns/{cid}/forms/{category}',
    entry: `${dir}/get-form.ts`,
    auth: 'none',
    grants: read,
    summary: 'Application form as JSON Schema',
  },
  {
    method: 'POST',
    path: '/campaigns/{cid}/nominations',
    entry: `${dir}/create-nomination.ts`,
    auth: 'staff',
    grants: write,
    summary: 'Draft a nomination',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/nominations',
    entry: `${dir}/list-nominations.ts`,
    auth: 'staff',
    grants: read,
    summary: 'Nominations the caller may see',
  },
  {
    method: 'GET',
    path: '/nominations/{nid}',
    entry: `${dir}/get-nomination.ts`,
    auth: 'staff',
    grants: read,
    summary: 'One nomination with its status history',
  },
  {
    method: 'PATCH',
    path: '/nominations/{nid}',
    entry: `${dir}/update-nomination.ts`,
    auth: 'staff',
    grants: write,
    summary: 'Edit a draft or returned nomination',
  },
  {
    method: 'POST',
    path: '/nominations/{nid}/submit',
    entry: `${dir}/submit-nomination.ts`,
    auth: 'staff',
    grants: write,
    summary: 'Submit to the department',
  },
  {
    method: 'POST',
    path: '/nominations/{nid}/endorse',
    entry: `${dir}/endorse-nomination.ts`,
    auth: 'staff',
    grants: write,
    summary: 'Department endorses or returns',
  },
  {
    method: 'POST',
    path: '/nominations/{nid}/forward',
    entry: `${dir}/forward-nomination.ts`,
    auth: 'staff',
    grants: write,
    summary: 'District forwards within quota',
  },
  {
    method: 'POST',
    path: '/nominations/{nid}/review',
    entry: `${dir}/review-nomination.ts`,
    auth: 'staff',
    grants: write,
    summary: 'Admin approves or rejects',
  },
  {
    method: 'GET',
    path: '/nominations/{nid}/print',
    entry: `${dir}/print-nomination.ts`,
    auth: 'staff',
    grants: ['table:read', 'verified:read'],
    summary: 'Printable A4 application form',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/exports/nominations',
    entry: 'functions/exports/export-nominations.ts',
    auth: 'staff',
    grants: read,
    summary: 'Nominations CSV export',
  },
];
