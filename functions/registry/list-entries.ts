/** GET /registry/departments and GET /registry/units: the registry's entries of one kind, for admins. */
import { requireRole } from '../../shared/http/identity';
import { json } from '../../shared/http/responses';
import type { RegistryKind } from '../../shared/registry/registry';
import { registry } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

const listRoute = (kind: RegistryKind) =>
  httpRoute({
    method: 'GET',
    path: `/registry/${kind}`,
    auth: 'staff',
    summary: `List the registry's ${kind}`,
    uses: { registry: registry.read },
    handle: (deps) => async (event) => {
      requireRole(event, 'admin');
      const entries = await deps.registry.list(kind);
      return json(200, { [kind]: entries.sort((a, b) => a.id.localeCompare(b.id)) });
    },
  });

export const listDepartmentsRoute = listRoute('departments');
export const listUnitsRoute = listRoute('units');
