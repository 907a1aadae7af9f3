/**
 * The web pages on AWS: a private S3 bucket behind CloudFront with origin access control, HTTPS
 * only, security headers with a content security policy, and page routes answered by index.html
 * (a CloudFront Function, so the API's own 404s stay JSON). The API stack, deployed after this
 * one, limits its CORS to `siteOrigin` and writes `config.json` (the API's URL) next to the pages.
 *
 * TLS: with context `webDomain` and `webCertificateArn` (an ACM certificate in us-east-1) the site
 * answers on that name with TLS 1.2 (2021 policy) at least; without them, on the distribution's
 * cloudfront.net name and certificate.
 */
import { join } from 'node:path';
import { Aws, CfnOutput, Duration, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { projectRoot } from './constructs/bundling';
import { logsBucket } from './constructs/logs-bucket';

export const WEB_DIST = join(projectRoot, 'web', 'dist');

/**
 * The pages bucket's name, fixed per account and region so the API stack can write config.json
 * into it by name (no cross-stack reference in its policy).
 */
export const PAGES_BUCKET_NAME = `service-awards-pages-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
/**
 * How cdk-nag writes a stack's partition, account or region: the value when the stack's env names it, else the pseudo
 * parameter.
 */
const nagName = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);

/**
 * The pages bucket's objects, as cdk-nag names them in a policy of `stack` that names the bucket (the API stack's
 * config.json).
 */
export const pagesObjectsByName = (stack: Stack) =>
  `Resource::arn:${nagName(stack.partition, 'Partition')}:s3:::service-awards-pages-<AWS::AccountId>-<AWS::Region>/*`;

export interface WebStackProps extends StackProps {
  /** The built pages to upload (web/dist); left out, the stack holds no pages (infra tests). */
  pagesDir?: string;
}

/**
 * The content security policy: own scripts and styles only; API calls to API Gateway, uploads and photos to S3, staff
 * sign-in to Cognito or to the issuer of context staffIssuer.
 */
const contentSecurityPolicy = ({ region, urlSuffix }: Stack, staffIssuer: string | undefined) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // The partition's domain: amazonaws.com, or amazonaws.com.cn in AWS China regions.
    `img-src 'self' data: blob: https://*.s3.${region}.${urlSuffix}`,
    // Staff sign-in exchanges its code at the user pool domain's token endpoint, or reads the issuer's discovery
    // document and exchanges it at its token endpoint (on the issuer's origin).
    // The API, its CDN for public reads (constructs/public-cache.ts; cloudfront.cn in AWS China regions), S3, sign-in.
    `connect-src 'self' https://*.execute-api.${region}.${urlSuffix} https://*.cloudfront.net https://*.cloudfront.cn https://*.s3.${region}.${urlSuffix} ${
      staffIssuer ? new URL(staffIssuer).origin : `https://*.auth.${region}.amazoncognito.com`
    }`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');

/**
 * Acknowledges, on CDK's own BucketDeployment function of the stack (one per stack), what cdk-nag
 * finds in it: it copies a CDK asset into the pages bucket and invalidates the distribution.
 */
export const acknowledgeBucketDeployment = (stack: Stack, pagesObjects: string) => {
  const handler = stack.node.findChild('Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C');
  const wildcards = [
    'Action::s3:GetBucket*',
    'Action::s3:GetObject*',
    'Action::s3:List*',
    'Action::s3:Abort*',
    'Action::s3:DeleteObject*',
    `Resource::arn:${nagName(stack.partition, 'Partition')}:s3:::cdk-hnb659fds-assets-${nagName(stack.account, 'AccountId')}-${nagName(stack.region, 'Region')}/*`,
    pagesObjects,
    // cloudfront:CreateInvalidation has no resource-level permissions.
    'Resource::*',
  ];
  Validations.of(handler).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's BucketDeployment function (the custom resource behind s3-deployment) comes with this role.",
    },
    ...wildcards.map((finding) => ({
      id: `AwsSolutions-IAM5[${finding}]`,
      reason:
        "CDK's BucketDeployment function copies the objects of a CDK asset into the pages bucket and invalidates the distribution: CDK scopes these wildcards to the asset and pages buckets.",
    })),
    {
      id: 'AwsSolutions-L1',
      reason: "CDK's BucketDeployment function's runtime is chosen by aws-cdk-lib and moves with it.",
    },
  );
};

export class WebStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://` and the site's host name, for the API's CORS. */
  readonly siteOrigin: string;

  constructor(scope: Construct, id: string, props: WebStackProps = {}) {
    super(scope, id, props);
    const domain = this.node.tryGetContext('webDomain') as string | undefined;
    const certificateArn = this.node.tryGetContext('webCertificateArn') as string | undefined;

    const logs = logsBucket(this, 'SiteLogs', { of: 'the site and its bucket', days: 180, writer: 'cloudfront' });

    this.bucket = new s3.Bucket(this, 'Pages', {
      bucketName: PAGES_BUCKET_NAME,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'bucket/',
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Security headers of the awards pages',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(this, this.node.tryGetContext('staffIssuer')),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    // Page routes (/c/..., /staff/...) have no file: they get index.html; files keep their path.
    const pageRoutes = new cloudfront.Function(this, 'PageRoutes', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Serves index.html for the pages own routes',
      code: cloudfront.FunctionCode.fromInline(
        "function handler(event) { var r = event.request; if (r.uri.indexOf('.') === -1) r.uri = '/index.html'; return r; }",
      ),
    });

    this.distribution = new cloudfront.Distribution(this, 'Site', {
      comment: 'Service Excellence Awards pages',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [{ function: pageRoutes, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(domain && certificateArn
        ? {
            domainNames: [domain],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.siteOrigin = `https://${domain && certificateArn ? domain : this.distribution.distributionDomainName}`;

    const acknowledgements = [
      {
        id: 'AwsSolutions-CFR1',
        reason: 'The pages are public for every citizen, wherever they are; there is nothing to restrict by country.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The site serves static files only, cached at the edge; the API behind the pages has its own WAF (infra/constructs/api-firewall.ts). A CloudFront WAF would have to live in us-east-1.',
      },
    ];
    if (!(domain && certificateArn))
      acknowledgements.push({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the cloudfront.net certificate, whose policy CloudFront fixes; set webDomain and webCertificateArn for TLS 1.2 (2021) at least.',
      });
    Validations.of(this.distribution).acknowledge(...acknowledgements);

    if (props.pagesDir) {
      new s3deploy.BucketDeployment(this, 'DeployPages', {
        sources: [s3deploy.Source.asset(props.pagesDir)],
        destinationBucket: this.bucket,
        // config.json is the API stack's (its URL): keep it.
        exclude: ['config.json'],
        distribution: this.distribution,
        distributionPaths: ['/index.html'],
      });
      const logicalId = this.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
      acknowledgeBucketDeployment(this, `Resource::<${logicalId}.Arn>/*`);
    }

    new CfnOutput(this, 'SiteUrl', { value: this.siteOrigin });
    new CfnOutput(this, 'PagesBucketName', { value: this.bucket.bucketName });
  }
}
