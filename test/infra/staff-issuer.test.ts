import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_ISSUER, externalDirectory } from '../../shared/accounts/accounts';
import { synthTestApp } from './test-app';

const {
  app,
  apiTemplate: template,
  webTemplate,
} = synthTestApp({
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
  });

  it('tells the accounts function there is no pool, whose routes then answer 409 ACCOUNTS_EXTERNAL', async () => {
    const accounts = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Environment?.Variables?.STAFF_USER_POOL_ID !== undefined,
    );
    expect(accounts.map((fn) => fn.Properties.Environment.Variables.STAFF_USER_POOL_ID)).toEqual([EXTERNAL_ISSUER]);
    await expect(externalDirectory().list()).rejects.toMatchObject({ status: 409, code: 'ACCOUNTS_EXTERNAL' });
  });

  it("names the issuer and the client id in the pages' config.json, and lets the pages call that issuer", () => {
    // The file the SiteConfig deployment copies into the pages bucket: its asset, staged in the cloud assembly.
    const deployments = template.findResources('Custom::CDKBucketDeployment', {
      Properties: { DistributionPaths: ['/config.json'] },
    });
    const [key] = Object.values(deployments).flatMap((d) => d.Properties.SourceObjectKeys as string[]);
    const asset = join(app.synth().directory, `asset.${key!.replace(/\.zip$/, '')}`, 'config.json');
    expect(JSON.parse(readFileSync(asset, 'utf8')).staffSignIn).toEqual({
      clientId: 'awards-staff',
      issuer: 'https://idp.example.cn/realm',
    });
    // Its discovery document and token endpoint are on its origin, which the content security policy allows.
    const [policy] = Object.values(webTemplate.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = JSON.stringify(
      policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy,
    );
    expect(csp).toMatch(/connect-src [^;]* https:\/\/idp\.example\.cn;/);
    expect(csp).not.toContain('amazoncognito.com');
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
