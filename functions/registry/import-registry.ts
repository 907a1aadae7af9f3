/**
 * POST /registry/import: departments or units from CSV or .xlsx. A dry run (the default) reports
 * each row's errors; `"dryRun": false` writes the rows when every one is valid (422 with the errors
 * otherwise, nothing written).
 */
import { requireRole } from '../../shared/http/identity';
import { parseBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { importRegistry, importRequestSchema } from '../../shared/registry/import';
import { registry } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

/** A few thousand rows of CSV, or an .xlsx of them in base64, fit well within this. */
const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

export const importRegistryRoute = httpRoute({
  method: 'POST',
  path: '/registry/import',
  auth: 'staff',
  summary: 'Import departments or units from CSV or .xlsx (dry run first)',
  uses: { registry: registry.write },
  handle: (deps) => async (event) => {
    const actor = requireRole(event, 'admin');
    const request = parseBody(event, importRequestSchema, MAX_IMPORT_BYTES);
    return json(200, await importRegistry(request, actor, deps));
  },
});
