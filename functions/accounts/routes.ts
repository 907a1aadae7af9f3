/** The accounts function: admins create, change and disable staff accounts (the only function with Cognito admin grants). */
import { serveRoutes } from '../runtime/http';
import { createAccountRoute } from './create-account';
import { listAccountsRoute } from './list-accounts';
import { updateAccountRoute } from './update-account';

export const accountRoutes = [listAccountsRoute, createAccountRoute, updateAccountRoute];

export const handler = serveRoutes(accountRoutes);
