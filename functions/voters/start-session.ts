/** POST /voter/session: exchanges a live one-time code for a voter token `{token, expiresAt}`. */
import * as z from 'zod';
import { parseBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { startVoterSession } from '../../shared/voters/voter-sessions';
import { voterKeys, voters } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

const bodySchema = z.strictObject({
  phone: z.string().min(5).max(30),
  code: z.string().regex(/^\d{6}$/, 'the code has 6 digits'),
});

export const startSessionRoute = httpRoute({
  method: 'POST',
  path: '/voter/session',
  auth: 'none',
  summary: 'Exchange a one-time code for a voter token',
  uses: { voters: voters.write, voterKeys: voterKeys.read },
  handle: (deps) => async (event) => {
    const { phone, code } = parseBody(event, bodySchema, 1024);
    return json(200, await startVoterSession(phone, code, { voters: deps.voters, keys: await deps.voterKeys() }));
  },
});
