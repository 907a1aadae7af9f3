import { SendSmsResponse, type SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { describe, expect, it } from 'vitest';
import { aliyunOtpRequest, createAliyunSmsSender, type AliyunSmsClient } from '../../shared/voters/aliyun-sms';

const settings = { signName: '荆门优质服务评选', templateCode: 'SMS_123456789' };
const params = { code: '042917', minutes: 5 };

/** An SDK client that records each request and answers with `code`. */
const fakeClient = (code: string) => {
  const sent: SendSmsRequest[] = [];
  const client: AliyunSmsClient = {
    async sendSms(request) {
      sent.push(request);
      return new SendSmsResponse({
        statusCode: 200,
        body: { code, message: code === 'OK' ? 'OK' : '触发号码天级流控', requestId: 'req-1' },
      });
    },
  };
  return { client, sent };
};

describe('Alibaba Cloud SMS adapter', () => {
  it("builds the SDK's SendSms request: the number without +86, the signature, the template and the code as its variable", () => {
    const request = aliyunOtpRequest('+8613912345678', params, settings);
    expect(request.toMap()).toEqual({
      PhoneNumbers: '13912345678',
      SignName: '荆门优质服务评选',
      TemplateCode: 'SMS_123456789',
      TemplateParam: '{"code":"042917"}',
    });
  });

  it('refuses a number outside the mainland', () => {
    expect(() => aliyunOtpRequest('+85291234567', params, settings)).toThrow(/mainland/);
  });

  it('sends one request per code through the injected client', async () => {
    const { client, sent } = fakeClient('OK');
    await createAliyunSmsSender(settings, client)('+8613912345678', 'text ignored by template providers', params);
    expect(sent.map((r) => r.toMap())).toEqual([aliyunOtpRequest('+8613912345678', params, settings).toMap()]);
  });

  it("throws on the provider's refusal, naming its code but never the number", async () => {
    const { client } = fakeClient('isv.BUSINESS_LIMIT_CONTROL');
    const sending = createAliyunSmsSender(settings, client)('+8613912345678', '', params);
    await expect(sending).rejects.toThrow('isv.BUSINESS_LIMIT_CONTROL');
    await expect(sending).rejects.not.toThrow('13912345678');
  });
});
