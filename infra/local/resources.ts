/**
 * Creates the table, bucket, queue and DLQ in the stand-ins from `infra/definitions.ts`, the same
 * description the CDK stack builds from. Idempotent: what exists is kept as it is.
 */
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketCorsCommand, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { table, votesQueue } from '../definitions';
import { localResourceNames } from './environment';

const DAY_SECONDS = 24 * 60 * 60;

/** The single table with its sparse GSIs and TTL attribute. */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const keys = new Set<string>([table.partitionKey, table.sortKey]);
  for (const gsi of table.globalSecondaryIndexes) keys.add(gsi.partitionKey).add(gsi.sortKey);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keys].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((gsi) => ({
          IndexName: gsi.indexName,
          KeySchema: [
            { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
            { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
};

/** The uploads bucket, with CORS so a browser page can POST to the presigned URL. */
export const ensureBucket = async (client: S3Client, bucketName: string): Promise<void> => {
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucketName }));
  } catch (error) {
    const exists =
      error instanceof S3ServiceException && ['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes(error.name);
    if (!exists) throw error;
  }
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucketName,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: ['*'],
            AllowedMethods: ['GET', 'HEAD', 'POST', 'PUT'],
            AllowedHeaders: ['*'],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
};

export interface QueueUrls {
  votesQueueUrl: string;
  votesDlqUrl: string;
}

/** A queue and its DLQ, the queue redriving after `maxReceiveCount` receives. */
export const ensureQueueWithDlq = async (
  client: SQSClient,
  names: { queue: string; dlq: string },
  settings: {
    visibilityTimeoutSeconds: number;
    maxReceiveCount: number;
    retentionDays: number;
    dlqRetentionDays: number;
  },
): Promise<{ queueUrl: string; dlqUrl: string }> => {
  const dlq = await client.send(
    new CreateQueueCommand({
      QueueName: names.dlq,
      Attributes: { MessageRetentionPeriod: String(settings.dlqRetentionDays * DAY_SECONDS) },
    }),
  );
  const dlqUrl = dlq.QueueUrl!;
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
  );
  const queue = await client.send(
    new CreateQueueCommand({
      QueueName: names.queue,
      Attributes: {
        VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
        MessageRetentionPeriod: String(settings.retentionDays * DAY_SECONDS),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: Attributes!.QueueArn,
          maxReceiveCount: settings.maxReceiveCount,
        }),
      },
    }),
  );
  return { queueUrl: queue.QueueUrl!, dlqUrl };
};

/** Every stateful resource of `infra/definitions.ts`, under the local names. */
export const ensureResources = async (clients: {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  sqs: SQSClient;
}): Promise<QueueUrls> => {
  const [, , queues] = await Promise.all([
    ensureTable(clients.dynamodb, localResourceNames.table),
    ensureBucket(clients.s3, localResourceNames.uploadsBucket),
    ensureQueueWithDlq(
      clients.sqs,
      { queue: localResourceNames.votesQueue, dlq: localResourceNames.votesDlq },
      votesQueue,
    ),
  ]);
  return { votesQueueUrl: queues.queueUrl, votesDlqUrl: queues.dlqUrl };
};
