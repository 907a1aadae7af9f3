/** POST /voter/otp: sends a one-time code to a mobile number, within the sending limits (202). */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { parseBody, sourceIp } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { OpsMetric } from '../../shared/ops-metrics';
import { metrics } from '../../shared/powertools';
import { requestOtp } from '../../shared/voters/voter-sessions';
import { smsSender, voterKeys, voters } from './wiring';

const bodySchema = z.strictObject({ phone: z.string().min(5).max(30) });

export const handler = withHttp(async (event) => {
  const { phone } = parseBody(event, bodySchema, 1024);
  const result = await requestOtp(phone, sourceIp(event), { voters, keys: await voterKeys(), sms: await smsSender() });
  metrics.addMetric(OpsMetric.CodesSent, MetricUnit.Count, 1);
  return json(202, { sent: true, ...result });
});
