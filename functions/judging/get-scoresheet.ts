/** GET /campaigns/{cid}/scoresheet: the judge's candidates, the criteria and the judge's own scores so far. */
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { scoresheet } from '../../shared/judging/judging';
import { httpRoute } from '../runtime/http';
import { judgingDeps, judgingReadUses } from './judging-deps';

export const getScoresheetRoute = httpRoute({
  method: 'GET',
  path: '/campaigns/{cid}/scoresheet',
  auth: 'staff',
  summary: "A judge's candidates and own scores",
  uses: judgingReadUses,
  handle: (adapters) => {
    const deps = judgingDeps(adapters);
    return async (event) => {
      const actor = requireRole(event, 'judge');
      return json(200, await scoresheet(pathParam(event, 'cid'), actor, deps));
    };
  },
});
