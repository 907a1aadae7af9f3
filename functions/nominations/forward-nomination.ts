/** POST /nominations/{nid}/forward: its district forwards it to the office, within the recommend quota. */
import { requireStaff } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { forwardNomination } from '../../shared/nominations/nominations';
import { nominationDeps } from './wiring';

export const handler = withHttp(async (event) => {
  const actor = requireStaff(event);
  return json(200, await forwardNomination(pathParam(event, 'nid'), actor, nominationDeps));
});
