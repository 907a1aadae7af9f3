/** POST /voter/session: exchanges a live one-time code for a voter token `{token, expiresAt}` (by default until voting closes). */
import * as z from 'zod';
import { config } from '../../shared/config';
import { parseBody, sourceIp } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { sessionEnd, startVoterSession } from '../../shared/voters/voter-sessions';
import { campaigns } from '../campaigns/wiring';
import { voterKeys, voters } from './wiring';

const bodySchema = z.strictObject({
  phone: z.string().min(5).max(30),
  code: z.string().regex(/^\d{6}$/, 'the code has 6 digits'),
});

export const handler = withHttp(async (event) => {
  const { phone, code } = parseBody(event, bodySchema, 1024);
  return json(
    200,
    await startVoterSession(phone, code, sourceIp(event), {
      voters,
      keys: await voterKeys(),
      sessionEndsAt: async (now) => sessionEnd(now, await campaigns.list(), config.voterPolicy.sessionHours),
    }),
  );
});
