/**
 * POST /voter/otp: sends a one-time code to a mobile number, within the sending limits (202) and the day's SMS budget
 * (503).
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from '../../shared/zod';
import { parseBody, sourceIp } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { OpsMetric } from '../../shared/ops-metrics';
import { metrics } from '../../shared/powertools';
import { requestOtp } from '../../shared/voters/voter-sessions';
import { sms, voterKeys, voterPolicy, voters } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';

const bodySchema = z.strictObject({ phone: z.string().check(z.minLength(5), z.maxLength(30)) });

export const requestOtpRoute = httpRoute({
  method: 'POST',
  path: '/voter/otp',
  auth: 'voter',
  summary: 'Send a one-time code to a mobile number',
  uses: { voters: voters.write, voterKeys: voterKeys.read, sms: sms.send, policy: voterPolicy.read },
  handle: (deps) => async (event) => {
    const { phone } = parseBody(event, bodySchema, 1024);
    const result = await requestOtp(phone, sourceIp(event), {
      voters: deps.voters,
      keys: await deps.voterKeys(),
      sms: deps.sms,
      policy: deps.policy,
    });
    metrics.addMetric(OpsMetric.CodesSent, MetricUnit.Count, 1);
    return json(202, { sent: true, ...result });
  },
});
