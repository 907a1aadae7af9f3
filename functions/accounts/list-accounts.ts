/** GET /accounts: every staff account with its roles, scope and whether it is enabled, for admins. */
import { listAccounts } from '../../shared/accounts/accounts';
import { requireRole } from '../../shared/http/identity';
import { json } from '../../shared/http/responses';
import { staffDirectory } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const listAccountsRoute = httpRoute({
  method: 'GET',
  path: '/accounts',
  auth: 'staff',
  summary: 'List the staff accounts',
  uses: { directory: staffDirectory.read },
  handle: (deps) => async (event) => {
    requireRole(event, 'admin');
    return json(200, { accounts: await listAccounts(deps) });
  },
});
