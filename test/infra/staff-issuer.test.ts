import { describe, expect, it } from 'vitest';
import { synthTestApp } from './test-app';

const { api, apiTemplate: template } = synthTestApp({
  context: {
    staffIssuer: 'https://idp.example.cn/realm',
    staffAudience: 'awards-staff',
    staffClaims: '{"groups":"realm_access.roles","district":"district"}',
  },
});

describe('api stack with an external staff issuer (AWS China regions)', () => {
  it('creates no user pool', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 0);
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
    expect(Object.keys(template.findOutputs('UserPoolId'))).toEqual([]);
    // The pages' config.json names no hosted sign-in: that issuer's own pages sign staff in.
    expect(api.staffSignIn).toBeUndefined();
  });

  it('gives every function that verifies staff tokens the issuer, audience and default JWKS URL from context', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Runtime === 'nodejs22.x',
    );
    const verifiers = functions.filter((fn) => 'STAFF_ISSUER' in fn.Properties.Environment.Variables);
    // The authorizer and the functions of public routes that show staff more (campaigns, forms, results, tally).
    expect(verifiers.length).toBeGreaterThanOrEqual(4);
    for (const fn of verifiers) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        STAFF_ISSUER: 'https://idp.example.cn/realm',
        STAFF_AUDIENCE: 'awards-staff',
        STAFF_JWKS_URL: 'https://idp.example.cn/realm/.well-known/jwks.json',
      });
      // Named claims replace Cognito's; the others keep Cognito's names.
      expect(JSON.parse(fn.Properties.Environment.Variables.STAFF_CLAIMS)).toEqual({
        groups: 'realm_access.roles',
        district: 'district',
        department: 'custom:department',
        unit: 'custom:unit',
      });
    }
  });
});
