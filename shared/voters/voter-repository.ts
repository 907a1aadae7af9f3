/**
 * DynamoDB layout of voters, outside any campaign partition:
 *   `VOTER#<voterId>` / `OTP`      the live code's hash, attempts, expiry (TTL)
 *   `VOTER#<voterId>` / `PROFILE`  when the voter first got a session, when they last ended their sessions
 *   `RATE#<key>` / `<windowStart>` fixed sending-window counters (TTL at the window's end)
 *   `RATE#<key>` / `LAST`          a rolling gap: when the last request passed, epoch ms (TTL after the gap)
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { createSessionEnds, voterPk } from './session-ends';
import type { RateLimit, VoterRepository } from './voter-sessions';

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The conditional update one rate limit takes: count within a fixed window, or stamp a rolling gap. */
const rateUpdate = (limit: RateLimit) =>
  limit.kind === 'window'
    ? {
        Key: { pk: `RATE#${limit.key}`, sk: limit.startsAt.toISOString() },
        UpdateExpression: 'ADD hits :one SET expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': limit.limit, ':expires': epochSeconds(limit.endsAt) + 60 },
      }
    : {
        Key: { pk: `RATE#${limit.key}`, sk: 'LAST' },
        UpdateExpression: 'SET lastAt = :at, expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(lastAt) OR lastAt <= :cutoff',
        ExpressionAttributeValues: {
          ':at': limit.at.getTime(),
          ':cutoff': limit.at.getTime() - limit.gapMs,
          ':expires': epochSeconds(limit.at) + Math.ceil(limit.gapMs / 1000) + 60,
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      };

export const createVoterRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): VoterRepository => ({
  async consumeRateLimits(limits) {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: limits.map((limit) => ({ Update: { TableName: tableName, ...rateUpdate(limit) } })),
        }),
      );
      return undefined;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const full = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (full < 0) throw error;
      const limit = limits[full]!;
      // The transaction returns the refusing item in the wire format (ReturnValuesOnConditionCheckFailure).
      const old = reasons[full]!.Item ? unmarshall(reasons[full]!.Item) : undefined;
      return limit.kind === 'gap' && typeof old?.lastAt === 'number'
        ? { limit, lastAt: new Date(old.lastAt) }
        : { limit };
    }
  },

  async consumeBudget(limit) {
    try {
      await client.send(new UpdateCommand({ TableName: tableName, ...rateUpdate(limit) }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async putOtp(voterId, record) {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: voterPk(voterId),
          sk: 'OTP',
          codeHash: record.codeHash,
          attempts: record.attempts,
          expiresAt: epochSeconds(record.expiresAt),
        },
      }),
    );
  },

  async spendOtpAttempt(voterId, now, maxAttempts) {
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: voterPk(voterId), sk: 'OTP' },
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'attribute_exists(pk) AND attempts < :max AND expiresAt > :now',
          ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts, ':now': epochSeconds(now) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return {
        codeHash: String(Attributes!.codeHash),
        attempts: Number(Attributes!.attempts),
        expiresAt: new Date(Number(Attributes!.expiresAt) * 1000),
      };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  },

  async consumeOtp(voterId, codeHash) {
    try {
      await client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: { pk: voterPk(voterId), sk: 'OTP' },
          ConditionExpression: 'codeHash = :hash',
          ExpressionAttributeValues: { ':hash': codeHash },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async recordVoter(voterId, now) {
    const { Attributes } = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: voterPk(voterId), sk: 'PROFILE' },
        UpdateExpression: 'SET firstSeenAt = if_not_exists(firstSeenAt, :now), lastSeenAt = :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return new Date(String(Attributes!.firstSeenAt));
  },

  async revokeSessions(voterId, now) {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: voterPk(voterId), sk: 'PROFILE' },
        UpdateExpression: 'SET sessionsRevokedAt = :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
  },

  ...createSessionEnds({ tableName, client }),
});
