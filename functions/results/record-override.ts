/** POST /campaigns/{cid}/results/overrides: an admin overrides an award in announcement, with a reason. */
import * as z from '../../shared/zod';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { recordOverride } from '../../shared/results/results';
import { results } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { resultsViewDeps, resultsViewUses } from './results-deps';

const bodySchema = z.strictObject({
  nominationId: z.string().check(z.minLength(1), z.maxLength(100)),
  awarded: z.boolean(),
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
});

export const recordOverrideRoute = httpRoute({
  method: 'POST',
  path: '/campaigns/{cid}/results/overrides',
  auth: 'staff',
  summary: 'Override an award with a reason',
  uses: { ...resultsViewUses, results: results.write },
  handle: (adapters) => {
    const deps = resultsViewDeps(adapters);
    return async (event) => {
      const actor = requireRole(event, 'admin');
      return json(201, await recordOverride(pathParam(event, 'cid'), parseBody(event, bodySchema), actor, deps));
    };
  },
});
