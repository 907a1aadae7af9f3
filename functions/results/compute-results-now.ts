/**
 * POST /campaigns/{cid}/results/compute: an admin asks for a new results version in `scoring`.
 * 202 with the computation request (joined when one is already queued or running); the worker
 * computes it, and GET on the same path follows its progress.
 */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { requestComputation } from '../../shared/results/results';
import { campaigns, results } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const computeResultsNowRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/results/compute',
  auth: 'staff',
  summary: 'Request a new results version in scoring (202; the worker computes it)',
  uses: { campaigns: campaigns.read, results: results.write },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const cid = pathParam(event, 'cid');
    const job = await requestComputation(cid, actor, deps);
    const progress = `/campaigns/${encodeURIComponent(cid)}/results/compute`;
    return json(202, { ...job, progress }, { location: progress });
  },
});
