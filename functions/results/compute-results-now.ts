/**
 * POST /campaigns/{cid}/results/compute: an admin asks for a new results version in `scoring`.
 * 202 with the computation request (joined when one is already queued or running); the worker
 * computes it, and GET on the same path follows its progress.
 */
import { requestComputation } from '../../shared/results/results';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { resultsDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireRole(event, 'admin');
  const cid = pathParam(event, 'cid');
  const job = await requestComputation(cid, actor, resultsDeps);
  const progress = `/campaigns/${encodeURIComponent(cid)}/results/compute`;
  return json(202, { ...job, progress }, { location: progress });
});
