import type { RouteDefinition } from '../../infra/route-types';

export const systemRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/health',
    entry: 'functions/system/health.ts',
    auth: 'none',
    grants: [],
    summary: 'Liveness and version',
  },
];
