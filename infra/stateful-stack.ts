/**
 * The long-lived data: the single DynamoDB table, the uploads bucket (with its access-log bucket),
 * the votes queue with its DLQ, and the voter-token secret. Everything here is retained when the
 * stack or a resource is deleted, and the stack has termination protection. The shapes come from
 * `infra/definitions.ts`, which the local runner reads too.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { logsBucket } from './constructs/logs-bucket';
import { table as tableShape, uploadsBucket as uploadsShape, votesQueue as votesQueueShape } from './definitions';

const str = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });

export class StatefulStack extends Stack {
  readonly table: dynamodb.Table;
  readonly uploads: s3.Bucket;
  readonly votesQueue: sqs.Queue;
  readonly votesDlq: sqs.Queue;
  readonly voterSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { ...props, terminationProtection: true });

    // `Table`, not `TableV2`: TableV2 synthesizes AWS::DynamoDB::GlobalTable.
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: str(tableShape.partitionKey),
      sortKey: str(tableShape.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableShape.timeToLiveAttribute,
      // AWS managed key (aws/dynamodb): encrypted with KMS and every use is in CloudTrail, without a
      // key policy to maintain or KMS grants on every function; a customer managed key adds neither
      // a control we need (no cross-account access, no key rotation schedule of our own) nor audit.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableShape.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: str(index.partitionKey),
        sortKey: str(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    const accessLogs = logsBucket(this, 'AccessLogs', { of: 'the uploads bucket', days: 400, writer: 's3' });

    this.uploads = new s3.Bucket(this, 'Uploads', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'uploads/',
      // Browsers POST the files straight to S3 with a presigned POST from any page origin; the
      // policy in the presigned POST (key, size, type, expiry) is what restricts the upload.
      cors: [{ allowedMethods: [s3.HttpMethods.POST], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3600 }],
      lifecycleRules: [
        // Replaced uploads only: the published results keep every version (below).
        ...uploadsShape.uploadsPrefixes.map((prefix) => ({ prefix, noncurrentVersionExpiration: Duration.days(30) })),
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Archives hold personal data and are fetched once through their link: gone after a day, every version.
        {
          prefix: uploadsShape.archivesPrefix,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A published tally cannot be rewritten: the bucket is versioned, so an overwrite only adds a
    // version, and no principal (the account root and the functions included) may delete any
    // version of a result file. Object Lock is not used because its default retention would cover
    // the nominations' uploads too, which must stay deletable (PIPL erasure, replaced photos).
    this.uploads.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PublishedResultsAreImmutable',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectVersionAcl', 's3:PutObjectRetention'],
        resources: [this.uploads.arnForObjects(`${uploadsShape.resultsPrefix}*`)],
      }),
    );

    this.votesDlq = new sqs.Queue(this, 'VotesDlq', {
      retentionPeriod: Duration.days(votesQueueShape.dlqRetentionDays),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.votesQueue = new sqs.Queue(this, 'VotesQueue', {
      visibilityTimeout: Duration.seconds(votesQueueShape.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(votesQueueShape.retentionDays),
      deadLetterQueue: { queue: this.votesDlq, maxReceiveCount: votesQueueShape.maxReceiveCount },
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Signs voter tokens and keys the hash of voters' phone numbers.
    this.voterSecret = new secretsmanager.Secret(this, 'VoterSecret', {
      description: 'Signs voter tokens and keys the HMAC of voter phone numbers',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.voterSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A voter is the keyed hash of a phone number: rotating the key during a campaign would turn every voter into a new one (daily limits and duplicate checks would reset) and void issued voter tokens. It is replaced deliberately between campaigns.',
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UploadsBucketName', { value: this.uploads.bucketName });
    new CfnOutput(this, 'VotesQueueUrl', { value: this.votesQueue.queueUrl });
    new CfnOutput(this, 'VotesDlqUrl', { value: this.votesDlq.queueUrl });
  }
}
