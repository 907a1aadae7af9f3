/**
 * Dead-lettered votes in the table, no expiry (dead-votes.ts):
 *   `DEADVOTE#<cid>` / `REQ#<requestId>`: the vote message as the door sent it, and when it was kept;
 *   `DEADVOTE#-` / `MSG#<messageId>`: a DLQ message that is not a vote message (no campaign), its body.
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { queryAll } from '../aws/dynamo';
import type { DeadVote, DeadVoteStore } from './dead-votes';
import type { VoteMessage } from './vote-message';

const deadPk = (campaignId: string) => `DEADVOTE#${campaignId}`;

export const createDeadVoteRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): DeadVoteStore => ({
  async keep({ message, keptAt }) {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: deadPk(message.campaignId),
          sk: `REQ#${message.requestId}`,
          type: 'dead-vote',
          requestId: message.requestId,
          message: JSON.stringify(message),
          keptAt,
        },
      }),
    );
  },

  async keepUnreadable(messageId, body, keptAt) {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: deadPk('-'), sk: `MSG#${messageId}`, type: 'dead-message', body, keptAt },
      }),
    );
  },

  async list(campaignId) {
    const items = await queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': deadPk(campaignId) },
      ConsistentRead: true,
    });
    return items.map(
      (item): DeadVote => ({ message: JSON.parse(String(item.message)) as VoteMessage, keptAt: String(item.keptAt) }),
    );
  },

  async count(campaignId) {
    let count = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': deadPk(campaignId) },
          Select: 'COUNT',
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      count += page.Count ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return count;
  },

  async remove(campaignId, requestId) {
    await client.send(
      new DeleteCommand({ TableName: tableName, Key: { pk: deadPk(campaignId), sk: `REQ#${requestId}` } }),
    );
  },
});
