/** GET /voter/consent: the notice the voting page shows where the code is requested (public). */
import { config } from '../../shared/config';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { voterConsent } from '../../shared/privacy/consent';

export const handler = withHttp(async () => json(200, voterConsent(config.voterDataRetentionDays)));
