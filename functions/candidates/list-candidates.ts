/** GET /campaigns/{cid}/candidates: anyone, from `publicity` on; approved candidates without personal data. */
import * as z from '../../shared/zod';
import { categorySchema } from '../../shared/campaigns/schema';
import { listCandidates } from '../../shared/candidates/candidates';
import { parseQuery, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { publicCacheHeaders } from '../../shared/http/public-cache';
import { httpRoute } from '../runtime/http';
import { candidateDeps, candidateUses } from './candidate-deps';

const querySchema = z.strictObject({
  category: z.optional(categorySchema),
  district: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  sector: z.optional(z.string().check(z.minLength(1), z.maxLength(30))),
});

export const listCandidatesRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/candidates',
  auth: 'none',
  summary: 'Public candidate list (公示), without personal data',
  uses: candidateUses,
  handle: (deps) => {
    const candidates = candidateDeps(deps);
    return async (event) => {
      const cid = pathParam(event, 'cid');
      const filter = parseQuery(event, querySchema);
      const list = await listCandidates(cid, filter, candidates);
      return json(200, { campaignId: cid, count: list.length, candidates: list }, publicCacheHeaders(event));
    };
  },
});
