/**
 * POST /voter/session: exchanges a live one-time code for a voter token `{token, expiresAt}` (by default until voting
 * closes).
 */
import * as z from '../../shared/zod';
import { parseBody, sourceIp } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { sessionEnd, startVoterSession } from '../../shared/voters/voter-sessions';
import { campaigns, voterKeys, voterPolicy, voters } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

const bodySchema = z.strictObject({
  phone: z.string().check(z.minLength(5), z.maxLength(30)),
  code: z.string().check(z.regex(/^\d{6}$/, z.bilingual('验证码为 6 位数字', 'the code has 6 digits'))),
});

export const startSessionRoute = httpRoute({
  method: 'POST',
  path: '/voter/session',
  auth: 'voter',
  summary: 'Exchange a one-time code for a voter token (until voting closes by default)',
  uses: { voters: voters.write, voterKeys: voterKeys.read, campaigns: campaigns.read, policy: voterPolicy.read },
  handle: (deps) => async (event) => {
    const { phone, code } = parseBody(event, bodySchema, 1024);
    return json(
      200,
      await startVoterSession(phone, code, sourceIp(event), {
        voters: deps.voters,
        keys: await deps.voterKeys(),
        sessionEndsAt: async (now) => sessionEnd(now, await deps.campaigns.list(), deps.policy.sessionHours),
      }),
    );
  },
});
