/**
 * PUT /registry/departments and PUT /registry/units: creates or changes one entry (the body names its
 * id); 201 when new, 200 when changed. A unit's department must be in the registry (422).
 */
import { requireRole } from '../../shared/http/identity';
import { parseBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { bodySchemas, putEntry, type RegistryKind } from '../../shared/registry/registry';
import { registry } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

const putRoute = (kind: RegistryKind) =>
  httpRoute({
    method: 'PUT',
    path: `/registry/${kind}`,
    auth: 'staff',
    summary: `Create or change one of the registry's ${kind}`,
    uses: { registry: registry.write },
    handle: (deps) => async (event) => {
      const actor = requireRole(event, 'admin');
      const body = parseBody(event, bodySchemas[kind], 8 * 1024);
      const { entry, created } = await putEntry(kind, body, actor, deps);
      return json(created ? 201 : 200, entry);
    },
  });

export const putDepartmentRoute = putRoute('departments');
export const putUnitRoute = putRoute('units');
