/** The voters function: one-time codes by SMS and voter sessions (the public, hot voter paths). */
import { serveRoutes } from '../runtime/http';
import { endSessionRoute } from './end-session';
import { requestOtpRoute } from './request-otp';
import { startSessionRoute } from './start-session';

export const voterRoutes = [requestOtpRoute, startSessionRoute, endSessionRoute];

export const handler = serveRoutes(voterRoutes);
