/**
 * The stateful resources, described once. The CDK stack builds them on AWS and the local runner
 * creates the same tables, bucket and queues in the stand-ins, so the two never drift.
 */
import { UPLOAD_URL_EXPIRY } from '../shared/uploads/url-expiry';

export const table = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Sparse GSIs: an item carries the attributes of an index only when it should be listed there. */
  globalSecondaryIndexes: [{ indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
  /** Epoch seconds; DynamoDB deletes the item some time after (OTP codes, rate-limit windows). */
  timeToLiveAttribute: 'expiresAt',
} as const;

export const uploadsBucket = {
  /**
   * Nominations' uploads (`campaigns/<cid>/...`) and the verifier's checked copies: replaced and deleted versions
   * expire.
   */
  uploadsPrefixes: ['campaigns/', 'verified/'],
  /** Published result files (`results/<cid>/v<n>/...`): no version of them may ever be deleted. */
  resultsPrefix: 'results/',
  /** The nominations' archive ZIPs (`archives/<cid>/<nid>/...`), handed out by a presigned link: expire after a day. */
  archivesPrefix: 'archives/',
  /** Presigned POSTs are signed for this long. */
  presignedPostSeconds: UPLOAD_URL_EXPIRY.postSeconds,
  /** Presigned GETs of public candidate photos live this long. */
  presignedGetSeconds: UPLOAD_URL_EXPIRY.getSeconds,
} as const;

export const votesQueue = {
  /** At least 6x the consumer's timeout (AWS guidance for SQS event sources). */
  visibilityTimeoutSeconds: 180,
  /** Deliveries before a message is moved to the DLQ. */
  maxReceiveCount: 5,
  retentionDays: 4,
  dlqRetentionDays: 14,
  /** Lambda event source mapping: large batches keep counter writes per vote low. */
  batchSize: 100,
  maxBatchingWindowSeconds: 1,
  /**
   * At most this many consumer invocations at once (the event source mapping's maximum
   * concurrency, 2 to 32, half the counter lanes; `-c tallyMaxConcurrency=N` at deploy): caps the write rate on the
   * counters and the table's on-demand bill in a burst. The local poller runs no more loops than this.
   */
  maxConcurrency: 5,
  consumerTimeoutSeconds: 30,
  /** The DLQ's consumer (functions/votes/keep-dead-votes.ts): small batches, two at a time at most. */
  dlqBatchSize: 10,
  dlqMaxConcurrency: 2,
} as const;

/** The clock tick that performs stage moves that fall due (EventBridge on AWS). */
export const scheduleTick = { rateMinutes: 1 } as const;

/** CORS for the API, the same on API Gateway and the local gateway. */
export const apiCors = {
  /**
   * API Gateway's default headers, the voting page's device fingerprint (functions/votes/cast-votes.ts)
   * and the solved CAPTCHA the WAF checks on POST /voter/otp.
   */
  allowHeaders: [
    'Content-Type',
    'X-Amz-Date',
    'Authorization',
    'X-Api-Key',
    'X-Amz-Security-Token',
    'X-Device-Id',
    'X-Aws-Waf-Token',
  ],
  maxAgeSeconds: 3600,
} as const;
