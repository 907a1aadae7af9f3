import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { votesQueue } from '../../infra/definitions';
import { synthTestApp } from './test-app';

const { stateful, statefulTemplate: template } = synthTestApp();

describe('stateful stack', () => {
  it('is protected from deletion', () => {
    expect(stateful.terminationProtection).toBe(true);
  });

  it('has one on-demand table with pk/sk, the sparse gsi1, TTL, PITR and KMS encryption, retained', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
          }),
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        // SSEEnabled without a key: the AWS managed key aws/dynamodb.
        SSESpecification: { SSEEnabled: true },
      },
    });
  });

  it('keeps uploads private, versioned, SSL-only, logged, open to browser POSTs, and retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['POST'], AllowedOrigins: ['*'] })] },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({ Prefix: 'campaigns/', NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
            Match.objectLike({ Prefix: 'verified/', NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
          ]),
        },
      }),
    });
    // Both buckets deny plain-HTTP requests.
    const policies = template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(2);
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('keeps every version of the published result files: versioned, no version expiry, no delete by anyone', () => {
    const bucket = Object.values(template.findResources('AWS::S3::Bucket')).find(
      (b) => b.Properties.VersioningConfiguration,
    );
    expect(bucket?.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    // No lifecycle rule reaches results/: each one is scoped to the uploads' prefixes or the archives'.
    for (const rule of bucket?.Properties.LifecycleConfiguration.Rules ?? []) {
      if (rule.NoncurrentVersionExpiration || rule.ExpirationInDays)
        expect(['campaigns/', 'verified/', 'archives/']).toContain(rule.Prefix);
    }
    const statements = Object.values(template.findResources('AWS::S3::BucketPolicy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement,
    );
    const deny = statements.find((s) => s.Sid === 'PublishedResultsAreImmutable');
    expect(deny).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' } });
    expect(deny.Action).toEqual(expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion']));
    expect(JSON.stringify(deny.Resource)).toContain('/results/*');
  });

  it("removes the nominations' archive ZIPs (personal data, fetched once by link) after a day, every version", () => {
    const bucket = Object.values(template.findResources('AWS::S3::Bucket')).find(
      (b) => b.Properties.VersioningConfiguration,
    );
    expect(bucket?.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({
        Prefix: 'archives/',
        ExpirationInDays: 1,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        Status: 'Enabled',
      }),
    );
  });

  it('sends a vote to the DLQ after maxReceiveCount deliveries; both queues encrypted and SSL-only', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(2);
    const main = Object.values(queues).find((q) => q.Properties.RedrivePolicy);
    expect(main?.Properties).toMatchObject({
      VisibilityTimeout: votesQueue.visibilityTimeoutSeconds,
      MessageRetentionPeriod: votesQueue.retentionDays * 86400,
      RedrivePolicy: { maxReceiveCount: votesQueue.maxReceiveCount },
      SqsManagedSseEnabled: true,
    });
    for (const queue of Object.values(queues)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    for (const policy of Object.values(template.findResources('AWS::SQS::QueuePolicy'))) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
    template.resourceCountIs('AWS::SQS::QueuePolicy', 2);
  });

  it('generates the voter secret and retains it', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) }),
    });
  });

  it('outputs the table, bucket and queue names', () => {
    for (const name of ['TableName', 'UploadsBucketName', 'VotesQueueUrl', 'VotesDlqUrl']) template.hasOutput(name, {});
  });
});
