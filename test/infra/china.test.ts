/**
 * The stacks for an AWS China region (cn-north-1): an OIDC staff issuer instead of Cognito, Alibaba Cloud SMS instead
 * of SNS.
 */
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { synthTestApp } from './test-app';

const { app, api, apiTemplate, statefulTemplate, webTemplate } = synthTestApp({
  env: { account: '123456789012', region: 'cn-north-1' },
  context: {
    staffIssuer: 'https://idp.jingmen.gov.cn/realms/awards',
    staffAudience: 'awards-staff',
    smsProvider: 'aliyun',
    smsSecretName: 'service-awards/aliyun-sms',
    smsSignName: '荆门优质服务评选',
    smsTemplateCode: 'SMS_123456789',
  },
});

const houseFunctions = () =>
  Object.values(apiTemplate.findResources('AWS::Lambda::Function')).filter(
    (fn) => fn.Properties.Runtime === 'nodejs22.x',
  );
const votersFunction = () => houseFunctions().find((fn) => String(fn.Properties.Description).startsWith('Voters:'))!;
const policyJson = () => JSON.stringify(apiTemplate.findResources('AWS::IAM::Role'));

describe('a deployment in cn-north-1', () => {
  it("lets the pages call the API and S3 on the partition's domain (amazonaws.com.cn), and the staff issuer", () => {
    const [policy] = Object.values(webTemplate.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = JSON.stringify(
      policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy,
    );
    for (const host of ['https://*.execute-api.cn-north-1.', 'https://*.s3.cn-north-1.'])
      expect(csp).toContain(`${host}",{"Ref":"AWS::URLSuffix"}`);
    expect(csp).not.toContain('amazonaws.com');
    expect(csp).toContain('https://idp.jingmen.gov.cn;');
  });

  it('synthesizes both stacks for the region, with no Cognito user pool', () => {
    expect(api.region).toBe('cn-north-1');
    expect(Object.keys(statefulTemplate.findResources('AWS::DynamoDB::Table'))).toHaveLength(1);
    apiTemplate.resourceCountIs('AWS::Cognito::UserPool', 0);
    apiTemplate.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('sends codes through Alibaba Cloud: its parameters in the sending function only, its secret readable, no SNS publishing', () => {
    expect(votersFunction().Properties.Environment.Variables).toMatchObject({
      SMS_SECRET_ID: 'service-awards/aliyun-sms',
      SMS_SIGN_NAME: '荆门优质服务评选',
      SMS_TEMPLATE_CODE: 'SMS_123456789',
    });
    // The codes' function, and the notifications worker through the same port (Alibaba Cloud sends only the approved
    // code template, so its notifications are recorded as failed: docs/API.md).
    const withSms = houseFunctions().filter((fn) => 'SMS_SECRET_ID' in fn.Properties.Environment.Variables);
    expect(withSms.map((fn) => String(fn.Properties.Description).split(':')[0]).sort()).toEqual(
      ['Voters', 'Worker DeliverNotifications (schedule)'].sort(),
    );
    expect(policyJson()).toContain(':secret:service-awards/aliyun-sms-??????');
    expect(policyJson()).not.toContain('sns:Publish');
    for (const fn of houseFunctions().filter((f) => 'STAFF_ISSUER' in f.Properties.Environment.Variables))
      expect(fn.Properties.Environment.Variables.STAFF_ISSUER).toBe('https://idp.jingmen.gov.cn/realms/awards');
  });

  it('leaves no cdk-nag finding', () => {
    const findings = new AwsSolutionsChecks()
      .validateScope(app)
      .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
    expect(findings).toEqual([]);
  });
});
