import type { RouteDefinition, WorkerDefinition } from '../../infra/route-types';

const dir = 'functions/uploads';

export const uploadRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/nominations/{nid}/uploads',
    entry: `${dir}/request-upload.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write', 'uploads:write'],
    summary: 'Presigned POST for one file of a nomination',
  },
  {
    method: 'DELETE',
    path: '/nominations/{nid}/uploads/{uploadId}',
    entry: `${dir}/remove-upload.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write', 'uploads:delete'],
    summary: 'Remove an upload (to replace it)',
  },
  {
    method: 'GET',
    path: '/nominations/{nid}/uploads',
    entry: `${dir}/list-uploads.ts`,
    auth: 'staff',
    grants: ['table:read', 'verified:read'],
    summary: 'Uploads of a nomination with their verification results',
  },
];

export const uploadWorkers: WorkerDefinition[] = [
  {
    id: 'VerifyUpload',
    entry: `${dir}/verify-upload.ts`,
    trigger: { type: 's3', bucket: 'uploads', prefix: 'campaigns/' },
    grants: ['table:read', 'table:write', 'uploads:read', 'verified:write', 'uploads:delete'],
    timeoutSeconds: 30,
    memoryMb: 512,
  },
];
