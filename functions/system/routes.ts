/** The system function: liveness. */
import { serveRoutes } from '../runtime/http';
import { healthRoute } from './health';

export const systemRoutes = [healthRoute];

export const handler = serveRoutes(systemRoutes);
