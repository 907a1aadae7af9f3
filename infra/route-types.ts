/**
 * One table of routes feeds both the CDK stack (API Gateway methods, one Lambda per route, its
 * grants) and the local gateway (same path matching, same event, same handler module).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What a function may touch. The stack turns each into the narrowest IAM grant; the local runner
 * ignores them (the stand-ins do not enforce IAM). S3 grants are by prefix: `uploads:*` the
 * nominations' incoming uploads, `verified:*` the checked copies, `results:*` the published results.
 */
export type Grant =
  | 'table:read'
  | 'table:write'
  | 'uploads:read'
  | 'uploads:write'
  | 'uploads:delete'
  | 'verified:read'
  | 'verified:write'
  | 'results:read'
  | 'results:write'
  | 'votes:send'
  | 'votes:stats'
  | 'sms:send'
  | 'voter-secret:read';

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path syntax: `/campaigns/{cid}`. */
  path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  /**
   * `staff`: the gateway's authorizer must verify a staff JWT before the handler runs (401 otherwise).
   * `voter`: no authorizer; the voter flow: the handler requires a voter token or a one-time code
   * (or, for `POST /voter/otp`, the WAF challenge), and may write that voter's own records.
   * `none`: public; no authorizer, the handler decides what to show (optional staff tokens).
   * A public route writes nothing (test/infra/least-privilege.test.ts).
   */
  auth: 'staff' | 'voter' | 'none';
  grants: Grant[];
  summary: string;
}

export type WorkerTrigger =
  | { type: 'sqs'; queue: 'votes' }
  | { type: 's3'; bucket: 'uploads'; prefix: string }
  | { type: 'schedule' };

/** Functions that are not behind the API: queue consumers, S3 event handlers, the clock tick. */
export interface WorkerDefinition {
  id: string;
  entry: string;
  trigger: WorkerTrigger;
  grants: Grant[];
  timeoutSeconds?: number;
  memoryMb?: number;
}
