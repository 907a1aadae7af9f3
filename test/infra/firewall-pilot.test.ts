import { describe, expect, it } from 'vitest';
import { synthTestApp } from './test-app';

const { apiTemplate: template } = synthTestApp({
  context: { otpCaptcha: 'false', smsDailyBudget: 500, voterSessionHours: 24 },
});

describe('api stack for a pilot (context otpCaptcha=false, smsDailyBudget, voterSessionHours)', () => {
  it('only counts what the OTP CAPTCHA would challenge', () => {
    const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
    const rules = acl?.Properties.Rules as Array<{ Name: string; Action?: Record<string, unknown> }>;
    expect(rules.find((r) => r.Name === 'VoterOtpCaptcha')?.Action).toEqual({ Count: {} });
  });

  it('passes the SMS budget and the fixed session length to the functions that read the voter policy', () => {
    const readers = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Runtime === 'nodejs22.x' && 'SMS_DAILY_BUDGET' in f.Properties.Environment.Variables,
    );
    expect(readers.length).toBeGreaterThan(0);
    for (const fn of readers)
      expect(fn.Properties.Environment.Variables).toMatchObject({ SMS_DAILY_BUDGET: '500', VOTER_SESSION_HOURS: '24' });
  });
});
