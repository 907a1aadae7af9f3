/**
 * The `#sms-provider` bundled with context `smsProvider=aliyun` (mainland China, where SNS sends
 * no text messages): Alibaba Cloud SMS, its AccessKey pair read from Secrets Manager (cached five
 * minutes by Powertools, so a rotated key takes effect within that).
 */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { type AliyunCredentials, createAliyunSmsClient, createAliyunSmsSender } from '../../shared/voters/aliyun-sms';
import type { SmsSender } from '../../shared/voters/voter-sessions';
import type { EnvReader } from './adapter';

export const createSmsSender: (env: EnvReader) => SmsSender = (env) => {
  const secretId = env('SMS_SECRET_ID');
  const settings = { signName: env('SMS_SIGN_NAME'), templateCode: env('SMS_TEMPLATE_CODE') };
  return async (phoneE164, message, params) => {
    const credentials = await getSecret<AliyunCredentials>(secretId, { maxAge: 300, transform: 'json' });
    if (!credentials?.accessKeyId || !credentials.accessKeySecret)
      throw new Error('The SMS secret needs the JSON fields accessKeyId and accessKeySecret');
    await createAliyunSmsSender(settings, createAliyunSmsClient(credentials))(phoneE164, message, params);
  };
};
