/** The registry function: admins keep the departments and units, one at a time or imported from a table. */
import { serveRoutes } from '../runtime/http';
import { importRegistryRoute } from './import-registry';
import { listDepartmentsRoute, listUnitsRoute } from './list-entries';
import { putDepartmentRoute, putUnitRoute } from './put-entry';

export const registryRoutes = [
  listDepartmentsRoute,
  putDepartmentRoute,
  listUnitsRoute,
  putUnitRoute,
  importRegistryRoute,
];

export const handler = serveRoutes(registryRoutes);
