/** One SDK client per process, created on first use. Endpoints and region come from the environment. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';

let documentClient: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let sqs: SQSClient | undefined;
let secrets: SecretsManagerClient | undefined;

export const getDocumentClient = (): DynamoDBDocumentClient =>
  (documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  }));

// WHEN_REQUIRED: the SDK default sends streamed bodies aws-chunked, which s3rver stores verbatim.
export const getS3Client = (): S3Client => (s3 ??= new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' }));

export const getSqsClient = (): SQSClient => (sqs ??= new SQSClient({}));

export const getSecretsClient = (): SecretsManagerClient => (secrets ??= new SecretsManagerClient({}));
