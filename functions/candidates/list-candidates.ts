/** GET /campaigns/{cid}/candidates: anyone, from `publicity` on; approved candidates without personal data. */
import * as z from 'zod';
import { categorySchema } from '../../shared/campaigns/schema';
import { listCandidates } from '../../shared/candidates/candidates';
import { parseQuery, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { candidateDeps } from './wiring';

const querySchema = z.strictObject({
  category: categorySchema.optional(),
  district: z.string().min(1).max(40).optional(),
  sector: z.string().min(1).max(30).optional(),
});

export const handler = withHttp(async (event) => {
  const cid = pathParam(event, 'cid');
  const filter = parseQuery(event, querySchema);
  const candidates = await listCandidates(cid, filter, candidateDeps);
  return json(200, { campaignId: cid, count: candidates.length, candidates });
});
