/** POST /voter/otp: sends a one-time code to a mobile number, within the sending limits (202) and the day's SMS budget (503). */
import * as z from 'zod';
import { config } from '../../shared/config';
import { parseBody, sourceIp } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { requestOtp } from '../../shared/voters/voter-sessions';
import { smsSender, voterKeys, voters } from './wiring';

const bodySchema = z.strictObject({ phone: z.string().min(5).max(30) });

export const handler = withHttp(async (event) => {
  const { phone } = parseBody(event, bodySchema, 1024);
  const result = await requestOtp(phone, sourceIp(event), {
    voters,
    keys: await voterKeys(),
    sms: await smsSender(),
    policy: config.voterPolicy,
  });
  return json(202, { sent: true, ...result });
});
