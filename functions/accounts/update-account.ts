/** PATCH /accounts/{username}: an admin changes a staff account's name, roles, scope, or disables/enables it. */
import { updateAccount, updateAccountSchema } from '../../shared/accounts/accounts';
import { requireRole } from '../../shared/http/identity';
import { parseBody, pathParam } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { registry, staffDirectory } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const updateAccountRoute = httpRoute({
  method: 'PATCH',
  path: '/accounts/{username}',
  auth: 'staff',
  summary: 'Change or disable a staff account',
  uses: { directory: staffDirectory.admin, registry: registry.read },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const body = parseBody(event, updateAccountSchema, 8 * 1024);
    return json(200, await updateAccount(pathParam(event, 'username'), body, actor, deps));
  },
});
