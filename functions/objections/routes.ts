/** The objections function: verified voters file objections on candidates, admins list them and rule. */
import { serveRoutes } from '../runtime/http';
import { fileObjectionRoute } from './file-objection';
import { listObjectionsRoute } from './list-objections';
import { ruleObjectionRoute } from './rule-objection';
import { ruleObjectionsRoute } from './rule-objections';

export const objectionRoutes = [fileObjectionRoute, listObjectionsRoute, ruleObjectionRoute, ruleObjectionsRoute];

export const handler = serveRoutes(objectionRoutes);
