/**
 * The CDN in front of the API's public reads: at a voting peak every citizen opens the campaign, the
 * candidate gallery and candidates' pages, and those answers are the same for everyone. CloudFront
 * caches them for the few seconds their `cache-control` allows (shared/http/public-cache.ts), so
 * Lambda sees one request per edge location and URL per period; codes, sessions and votes are not
 * cached and go to the API directly (the pages call them on the API's own URL).
 *
 * It lives in the API stack (its origin is the API), not beside the pages: the web stack is deployed
 * first, as the API's CORS names the site's origin, so the pages' distribution cannot name the API.
 * The pages find this distribution's URL in config.json (`publicApiUrl`).
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import { logsBucket } from './logs-bucket';
import { PUBLIC_CACHE_SECONDS } from '../../shared/http/public-cache';

export class PublicCache extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution>`: the public reads' base URL (the origin path is the API's stage). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: { api: apigw.RestApi }) {
    super(scope, id);
    const logs = logsBucket(this, 'Logs', { of: 'the public-read CDN', days: 180, writer: 'cloudfront' });

    // Honours the API's cache-control (a few seconds on public reads, no-store elsewhere); the filters are in the key.
    const publicReads = new cloudfront.CachePolicy(this, 'PublicReads', {
      comment: 'Public reads of the awards API: as long as the API says, query string in the key',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(PUBLIC_CACHE_SECONDS.max),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Service Excellence Awards: public reads of the API, cached',
      defaultBehavior: {
        // No Authorization header reaches the API through here: every answer is the anonymous one.
        origin: new origins.RestApiOrigin(props.api),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: publicReads,
        compress: true,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'public-api/',
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The candidate list is public for every citizen, wherever they are; there is nothing to restrict by country.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Only anonymous GETs pass through and cache misses reach the API, whose regional WAF (infra/constructs/api-firewall.ts) applies; a CloudFront WAF would have to live in us-east-1.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The pages call this distribution by its cloudfront.net name and certificate, whose TLS policy CloudFront fixes; the origin connection to API Gateway is TLS 1.2.',
      },
    );
  }
}
