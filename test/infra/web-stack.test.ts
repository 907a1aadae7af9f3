/**
 * The web stack: private pages bucket behind CloudFront with OAC, HTTPS, security headers and CSP; the API's CORS for
 * the site only.
 */
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { synthTestApp } from './test-app';

const pagesDir = join(import.meta.dirname, 'fixtures', 'pages');
const { app, webTemplate, apiTemplate } = synthTestApp({ pagesDir });

const findings = (scope: typeof app) =>
  new AwsSolutionsChecks()
    .validateScope(scope)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`));

describe('web stack', () => {
  it('keeps the pages bucket private, readable only by the distribution through origin access control', () => {
    webTemplate.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.anyValue(),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'bucket/' }),
    });
    webTemplate.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    webTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('serves HTTPS only, with security headers and a content security policy, and page routes from index.html', () => {
    webTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          Compress: true,
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
    const [policy] = Object.values(webTemplate.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const security = policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-inline');
    expect(security.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 730 * 86400,
      IncludeSubdomains: true,
    });
    expect(security.FrameOptions.FrameOption).toBe('DENY');
    expect(security.ContentTypeOptions).toMatchObject({ Override: true });
    const [fn] = Object.values(webTemplate.findResources('AWS::CloudFront::Function'));
    expect(fn?.Properties.FunctionCode).toContain("r.uri = '/index.html'");
  });

  it('deploys the pages, and the API stack writes config.json with its URL beside them', () => {
    webTemplate.resourceCountIs('Custom::CDKBucketDeployment', 1);
    apiTemplate.hasResourceProperties('Custom::CDKBucketDeployment', {
      Prune: false,
      DistributionPaths: ['/config.json'],
    });
  });

  it("limits the API's CORS to the site's origin: preflight, gateway errors and the functions' responses", () => {
    const options = Object.values(
      apiTemplate.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }),
    );
    expect(options.length).toBeGreaterThan(0);
    for (const method of options) {
      const origin = JSON.stringify(
        method.Properties.Integration.IntegrationResponses[0].ResponseParameters[
          'method.response.header.Access-Control-Allow-Origin'
        ],
      );
      expect(origin).toContain('https://');
      expect(origin).toMatch(/Site.*DomainName/);
      expect(origin).not.toContain("'*'");
    }
    for (const fn of Object.values(
      apiTemplate.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs22.x' } }),
    ))
      expect(JSON.stringify(fn.Properties.Environment.Variables.ALLOWED_ORIGIN)).toMatch(/Site.*DomainName/);
  });

  it('answers on a custom domain with TLS 1.2 (2021) at least when one is configured, and CORS follows it', () => {
    const custom = synthTestApp({
      pagesDir,
      context: {
        webDomain: 'awards.example.cn',
        webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      },
    });
    custom.webTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['awards.example.cn'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
      }),
    });
    for (const fn of Object.values(
      custom.apiTemplate.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs22.x' } }),
    ))
      expect(fn.Properties.Environment.Variables.ALLOWED_ORIGIN).toBe('https://awards.example.cn');
    expect(findings(custom.app)).toEqual([]);
  });

  it('leaves no cdk-nag finding with the pages deployed', () => {
    expect(findings(app)).toEqual([]);
  });
});
