/**
 * Where the retention work stands, and the voter-data sweep. It reads the layouts of other concepts, by prefix only, to
 * give
 * their voter items a TTL (it never reads their attributes):
 *   `BALLOT#<cid>#…` / *             ballots (`~<shard>`) and the voter's request records (`<voterId>`; vote-repository.ts)
 *   `SIGNAL#<cid>#<flagId>` / *      brushing signals (shared/votes/flag-repository.ts)
 *   `VOTER#<voterId>` / `PROFILE`    when a phone hash first got a session (shared/voters/voter-repository.ts)
 * and owns its progress items:
 *   `PRIVACY#<cid>` / `VOTER-DATA-SWEEP`   done, cursor (the scan's last key), leaseUntil
 *   `PRIVACY#<cid>` / `ARCHIVE-ERASED`     at: every nominee erased after the archive period
 * OTP records and rate-limit windows are not swept: they carry a TTL of minutes from the start.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import type { RetentionStore } from './privacy';

const sweepKey = (cid: string) => ({ pk: `PRIVACY#${cid}`, sk: 'VOTER-DATA-SWEEP' });
const archiveKey = (cid: string) => ({ pk: `PRIVACY#${cid}`, sk: 'ARCHIVE-ERASED' });
const UPDATE_CONCURRENCY = 16;
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export const createRetentionRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): RetentionStore => ({
  async sweepState(cid) {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: sweepKey(cid), ConsistentRead: true }),
    );
    return Item ? { done: Item.done === true, cursor: Item.cursor as string | undefined } : undefined;
  },

  async claimSweep(cid, now, leaseMs) {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: sweepKey(cid),
          UpdateExpression: 'SET leaseUntil = :until',
          ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now',
          ExpressionAttributeValues: { ':until': now.getTime() + leaseMs, ':now': now.getTime() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async stampVoterData(cid, expiresAt, cursor, deadline) {
    const ttl = epochSeconds(expiresAt);
    let start = cursor ? (JSON.parse(cursor) as Record<string, unknown>) : undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          ExclusiveStartKey: start,
          ProjectionExpression: 'pk, sk',
          FilterExpression:
            '(begins_with(pk, :ballot) OR begins_with(pk, :signal) OR (begins_with(pk, :voter) AND sk = :profile)) AND (attribute_not_exists(expiresAt) OR expiresAt > :ttl)',
          ExpressionAttributeValues: {
            ':ballot': `BALLOT#${cid}#`,
            ':signal': `SIGNAL#${cid}#`,
            ':voter': 'VOTER#',
            ':profile': 'PROFILE',
            ':ttl': ttl,
          },
        }),
      );
      const items = page.Items ?? [];
      for (let i = 0; i < items.length; i += UPDATE_CONCURRENCY) {
        await Promise.all(
          items.slice(i, i + UPDATE_CONCURRENCY).map(async ({ pk, sk }) => {
            try {
              await client.send(
                new UpdateCommand({
                  TableName: tableName,
                  Key: { pk, sk },
                  UpdateExpression: 'SET expiresAt = :ttl',
                  // Never revive a deleted item, never postpone an earlier expiry.
                  ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt > :ttl)',
                  ExpressionAttributeValues: { ':ttl': ttl },
                }),
              );
            } catch (error) {
              if (!(error instanceof ConditionalCheckFailedException)) throw error;
            }
          }),
        );
      }
      start = page.LastEvaluatedKey;
    } while (start && Date.now() < deadline);
    return start ? JSON.stringify(start) : undefined;
  },

  async saveSweep(cid, { done, cursor }) {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: sweepKey(cid),
        UpdateExpression: cursor
          ? 'SET #done = :done, #cursor = :cursor REMOVE leaseUntil'
          : 'SET #done = :done REMOVE leaseUntil, #cursor',
        ExpressionAttributeNames: { '#done': 'done', '#cursor': 'cursor' },
        ExpressionAttributeValues: { ':done': done, ...(cursor ? { ':cursor': cursor } : {}) },
      }),
    );
  },

  async archiveErased(cid) {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: archiveKey(cid), ConsistentRead: true }),
    );
    return Item !== undefined;
  },

  async markArchiveErased(cid, at) {
    await client.send(new PutCommand({ TableName: tableName, Item: { ...archiveKey(cid), at: at.toISOString() } }));
  },
});
