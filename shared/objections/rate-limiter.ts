/**
 * Fixed-window rate limits kept in DynamoDB, so they hold across function instances: one counter
 * item per key and window (`pk = RATE#<key>`, `sk = <window start>`), outside every campaign
 * partition, deleted by TTL after its window. A hit beyond the limit is refused and not counted.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';

export interface RateLimit {
  /** What is limited, e.g. `objection-ip#203.0.113.9`: keep personal data out (hash it). */
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimiter {
  /** Counts one hit; 0 when allowed, else the seconds until the window ends. */
  hit(rule: RateLimit, now: Date): Promise<number>;
}

export const createRateLimiter = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): RateLimiter => ({
  async hit({ key, limit, windowSeconds }, now) {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const start = Math.floor(nowSeconds / windowSeconds) * windowSeconds;
    const end = start + windowSeconds;
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `RATE#${key}`, sk: String(start) },
          UpdateExpression: 'SET hits = if_not_exists(hits, :zero) + :one, expiresAt = :expiresAt, #type = :type',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':zero': 0,
            ':one': 1,
            ':limit': limit,
            ':expiresAt': end + 60,
            ':type': 'rate-window',
          },
        }),
      );
      return 0;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return Math.max(1, end - nowSeconds);
      throw error;
    }
  },
});
