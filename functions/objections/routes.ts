/** The objections function: the public files objections on candidates, admins list them and rule. */
import { serveRoutes } from '../runtime/http';
import { fileObjectionRoute } from './file-objection';
import { listObjectionsRoute } from './list-objections';
import { ruleObjectionRoute } from './rule-objection';

export const objectionRoutes = [fileObjectionRoute, listObjectionsRoute, ruleObjectionRoute];

export const handler = serveRoutes(objectionRoutes);
