/** The privacy function: the voters' consent notice and the erasure of a nominee's personal data on request. */
import { serveRoutes } from '../runtime/http';
import { erasePersonalDataRoute } from './erase-personal-data';
import { getConsentRoute } from './get-consent';

export const privacyRoutes = [getConsentRoute, erasePersonalDataRoute];

export const handler = serveRoutes(privacyRoutes);
