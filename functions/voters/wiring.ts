/** Voter dependencies, built once per process: the repository, the SMS adapter and the keys from the voter secret. */
import { config } from '../../shared/config';
import { bearerToken } from '../../shared/http/identity';
import type { HttpEvent } from '../../shared/http/with-http';
import { UnauthorizedError } from '../../shared/errors';
import { createVoterKeys, type VoterClaims, type VoterKeys } from '../../shared/voters/voter-keys';
import { createVoterRepository } from '../../shared/voters/voter-repository';
import type { AliyunCredentials } from '../../shared/voters/aliyun-sms';
import type { SmsSender } from '../../shared/voters/voter-sessions';

export const voters = createVoterRepository({ tableName: config.tableName });

/** The secret material: Secrets Manager on AWS (cached 5 minutes by Powertools), `VOTER_SECRET` locally. */
const loadSecret = async (): Promise<string> => {
  if (config.environment === 'local') return config.localVoterSecret;
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const secret = await getSecret(config.voterSecretArn, { maxAge: 300 });
  if (typeof secret !== 'string') throw new Error('The voter secret is not a string secret');
  return secret;
};

let keys: Promise<VoterKeys> | undefined;

/** The voter keys, derived once per process. */
export const voterKeys = (): Promise<VoterKeys> => {
  keys ??= loadSecret().then(createVoterKeys);
  keys.catch(() => (keys = undefined));
  return keys;
};

/** SNS on AWS, Alibaba Cloud where `SMS_PROVIDER=aliyun` (mainland China); the local outbox (read back at GET /local/outbox) locally. */
export const smsSender = async (): Promise<SmsSender> => {
  if (config.environment === 'local') {
    const { createLocalOutbox } = await import('../../infra/local/outbox');
    const outbox = createLocalOutbox(config.localOutboxDir);
    return (phone, message) => outbox.send(phone, message);
  }
  if (config.smsProvider === 'aliyun') {
    const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
    const { createAliyunSmsClient, createAliyunSmsSender } = await import('../../shared/voters/aliyun-sms');
    const credentials = await getSecret<AliyunCredentials>(config.smsSecretId, { maxAge: 300, transform: 'json' });
    if (!credentials?.accessKeyId || !credentials.accessKeySecret)
      throw new Error('The SMS secret needs the JSON fields accessKeyId and accessKeySecret');
    return createAliyunSmsSender(
      { signName: config.smsSignName, templateCode: config.smsTemplateCode },
      createAliyunSmsClient(credentials),
    );
  }
  const { createSnsSmsSender } = await import('../../shared/voters/sns-sms');
  return createSnsSmsSender();
};

/** The voter behind the request's `Authorization: Bearer <voter token>`; 401 without a valid one. */
export const requireVoter = async (event: HttpEvent, now: Date): Promise<VoterClaims> => {
  const token = bearerToken(event);
  if (!token)
    throw new UnauthorizedError(
      'Verify your phone number first (POST /voter/otp, then POST /voter/session) and send the voter token',
    );
  return (await voterKeys()).verifyToken(token, now);
};
