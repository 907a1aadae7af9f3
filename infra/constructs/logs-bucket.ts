/**
 * A bucket of access logs: private, encrypted, TLS only, kept after the stack, expired after `days`. CloudFront
 * standard logs need ACLs (object writer); S3 server access logs do not. cdk-nag's S1 (no access log of its own) is
 * acknowledged: logging a log bucket into itself would log every delivery.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export const logsBucket = (
  scope: Construct,
  id: string,
  { of, days, writer }: { of: string; days: number; writer: 'cloudfront' | 's3' },
): s3.Bucket => {
  const bucket = new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership:
      writer === 'cloudfront' ? s3.ObjectOwnership.OBJECT_WRITER : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: Duration.days(days) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: `This bucket holds the access logs of ${of}; logging it into itself would log every log delivery.`,
  });
  return bucket;
};
