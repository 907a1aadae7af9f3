/** POST /accounts: an admin creates a staff account with its roles and scope (references in the registry). */
import { createAccount, createAccountSchema } from '../../shared/accounts/accounts';
import { requireRole } from '../../shared/http/identity';
import { parseBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { registry, staffDirectory } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const createAccountRoute = httpRoute({
  method: 'POST',
  path: '/accounts',
  auth: 'staff',
  summary: 'Create a staff account',
  uses: { directory: staffDirectory.admin, registry: registry.read },
  handle: (deps) => async (event) => {
    requireRole(event, 'admin');
    const body = parseBody(event, createAccountSchema, 8 * 1024);
    return json(201, await createAccount(body, deps));
  },
});
