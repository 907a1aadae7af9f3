import { votesQueue } from '../../infra/definitions';
import type { RouteDefinition, WorkerDefinition } from '../../infra/route-types';

const dir = 'functions/votes';

export const voteRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/campaigns/{cid}/votes',
    entry: `${dir}/cast-votes.ts`,
    auth: 'voter',
    grants: ['table:read', 'votes:send', 'voter-secret:read'],
    summary: 'Cast votes (voter token): queued, 202 with receipts; writes nothing',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/votes/mine',
    entry: `${dir}/list-my-votes.ts`,
    auth: 'voter',
    grants: ['table:read', 'voter-secret:read'],
    summary: "The voter's decided votes of today and the votes left",
  },
  {
    method: 'GET',
    path: '/receipts/{receiptId}',
    entry: `${dir}/get-receipt.ts`,
    auth: 'none',
    grants: ['table:read', 'voter-secret:read', 'results:read'],
    summary: 'Status of a vote receipt',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/vote-flags',
    entry: `${dir}/list-vote-flags.ts`,
    auth: 'staff',
    grants: ['table:read'],
    summary: 'Suspicious vote clusters (admin)',
  },
  {
    method: 'POST',
    path: '/campaigns/{cid}/vote-voids',
    entry: `${dir}/void-votes.ts`,
    auth: 'staff',
    grants: ['table:read', 'table:write'],
    summary: 'Void votes with a reason (admin)',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/vote-voids',
    entry: `${dir}/list-vote-voids.ts`,
    auth: 'none',
    grants: ['table:read'],
    summary: 'Public ledger of voided votes',
  },
  {
    method: 'GET',
    path: '/campaigns/{cid}/tally',
    entry: `${dir}/get-tally.ts`,
    auth: 'none',
    grants: ['table:read'],
    summary: 'Votes per candidate, as liveCounts allows',
  },
];

export const voteWorkers: WorkerDefinition[] = [
  {
    id: 'TallyVotes',
    entry: `${dir}/tally-votes.ts`,
    trigger: { type: 'sqs', queue: 'votes' },
    grants: ['table:read', 'table:write'],
    timeoutSeconds: votesQueue.consumerTimeoutSeconds,
  },
];
