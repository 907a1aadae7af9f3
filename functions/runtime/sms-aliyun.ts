/**
 * The `#sms-provider` bundled with context `smsProvider=aliyun` (mainland China, where SNS sends
 * no text messages): Alibaba Cloud SMS, its AccessKey pair read from Secrets Manager (kept five
 * minutes in the process, so a rotated key takes effect within that).
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { getSecretsClient } from '../../shared/aws/clients';
import { type AliyunCredentials, createAliyunSmsClient, createAliyunSmsSender } from '../../shared/voters/aliyun-sms';
import type { SmsSender } from '../../shared/voters/voter-sessions';
import type { EnvReader } from './adapter';

const SECRET_MAX_AGE_MS = 5 * 60_000;

export const createSmsSender: (env: EnvReader) => SmsSender = (env) => {
  const secretId = env('SMS_SECRET_ID');
  let cached: { at: number; value: Partial<AliyunCredentials> } | undefined;
  const getCredentials = async (): Promise<Partial<AliyunCredentials>> => {
    if (!cached || Date.now() - cached.at > SECRET_MAX_AGE_MS) {
      const { SecretString } = await getSecretsClient().send(new GetSecretValueCommand({ SecretId: secretId }));
      cached = { at: Date.now(), value: JSON.parse(SecretString ?? '{}') as Partial<AliyunCredentials> };
    }
    return cached.value;
  };
  const settings = { signName: env('SMS_SIGN_NAME'), templateCode: env('SMS_TEMPLATE_CODE') };
  return async (phoneE164, message, params) => {
    const credentials = await getCredentials();
    if (!credentials?.accessKeyId || !credentials.accessKeySecret)
      throw new Error('The SMS secret needs the JSON fields accessKeyId and accessKeySecret');
    await createAliyunSmsSender(settings, createAliyunSmsClient(credentials as AliyunCredentials))(
      phoneE164,
      message,
      params,
    );
  };
};
