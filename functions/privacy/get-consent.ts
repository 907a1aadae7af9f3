/** GET /voter/consent: the notice the voting page shows where the code is requested (public). */
import { json } from '../../shared/http/responses';
import { voterConsent } from '../../shared/privacy/consent';
import { retentionPeriods } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

export const getConsentRoute = httpRoute({
  method: 'GET',
  path: '/voter/consent',
  auth: 'none',
  summary: 'The personal-information notice shown where a voter requests a code',
  uses: { periods: retentionPeriods.read },
  handle:
    ({ periods }) =>
    async () =>
      json(200, voterConsent(periods.voterDataRetentionDays)),
});
