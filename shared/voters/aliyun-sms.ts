/**
 * The SMS port in mainland China (where Amazon SNS sends no text messages): Alibaba Cloud SMS
 * (短信服务, Dysmsapi `SendSms`) through its official SDK. Mainland providers send only approved
 * templates under an approved sender signature (签名), so the code goes in as the template's
 * `${code}` variable, not as free text; the signature and template id are deployment parameters
 * (context `smsSignName`, `smsTemplateCode`), the AccessKey pair a Secrets Manager secret.
 */
import Dysmsapi, { SendSmsRequest, type SendSmsResponse } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { OtpSmsParams, SmsSender } from './voter-sessions';

export interface AliyunSmsSettings {
  /** The approved sender signature, e.g. 荆门优质服务评选. */
  signName: string;
  /** The approved template's id (`SMS_...`), whose text has the variable `${code}`. */
  templateCode: string;
}

/** The AccessKey pair of a RAM user that may only call dysmsapi:SendSms (the secret's JSON). */
export interface AliyunCredentials {
  accessKeyId: string;
  accessKeySecret: string;
}

/** What the adapter needs of the SDK client (the real one, or a test's). */
export interface AliyunSmsClient {
  sendSms(request: SendSmsRequest): Promise<SendSmsResponse>;
}

/** The SendSms request for one code: a mainland number without +86, the signature, the template and its variables. */
export const aliyunOtpRequest = (phoneE164: string, { code }: OtpSmsParams, settings: AliyunSmsSettings) => {
  if (!phoneE164.startsWith('+86')) throw new Error('Alibaba Cloud SMS is configured for mainland numbers only');
  return new SendSmsRequest({
    phoneNumbers: phoneE164.slice(3),
    signName: settings.signName,
    templateCode: settings.templateCode,
    templateParam: JSON.stringify({ code }),
  });
};

/** The SDK client for the mainland endpoint. */
export const createAliyunSmsClient = (credentials: AliyunCredentials): AliyunSmsClient =>
  new Dysmsapi(new $OpenApiUtil.Config({ ...credentials, endpoint: 'dysmsapi.aliyuncs.com' }));

/** Sends through Alibaba Cloud; a refusal (code other than OK) throws, naming the provider's code, never the number. */
export const createAliyunSmsSender =
  (settings: AliyunSmsSettings, client: AliyunSmsClient): SmsSender =>
  async (phoneE164, _message, params) => {
    if (!params) throw new Error('Alibaba Cloud SMS sends only the approved one-time-code template, not free text');
    const { body } = await client.sendSms(aliyunOtpRequest(phoneE164, params, settings));
    if (body?.code !== 'OK')
      throw new Error(
        `Alibaba Cloud SMS refused the message: ${body?.code} ${body?.message} (request ${body?.requestId})`,
      );
  };
