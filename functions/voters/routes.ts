import type { RouteDefinition } from '../../infra/route-types';

const dir = 'functions/voters';

export const voterRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/voter/otp',
    entry: `${dir}/request-otp.ts`,
    auth: 'voter',
    grants: ['table:write', 'sms:send', 'voter-secret:read'],
    summary: 'Send a one-time code to a mobile number',
  },
  {
    method: 'POST',
    path: '/voter/session',
    entry: `${dir}/start-session.ts`,
    auth: 'voter',
    grants: ['table:read', 'table:write', 'voter-secret:read'],
    summary: 'Exchange a one-time code for a voter token (until voting closes by default)',
  },
  {
    method: 'DELETE',
    path: '/voter/session',
    entry: `${dir}/end-session.ts`,
    auth: 'voter',
    grants: ['table:read', 'table:write', 'voter-secret:read'],
    summary: "End the voter's sessions (voter token)",
  },
];
