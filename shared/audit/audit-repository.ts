/** DynamoDB layout of the audit trail: one partition per campaign, sorted by time. */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { getDocumentClient } from '../aws/clients';
import { queryAll } from '../aws/dynamo';
import { say, ValidationError } from '../errors';
import { auditEntrySchema, type AuditEntry, type AuditRepository } from './audit';

const pk = (campaignId: string) => `CAMPAIGN#${campaignId}#AUDIT`;

/** The item that records an entry; other repositories put it in the same transaction as the change. */
export const auditItem = (entry: Omit<AuditEntry, 'id'>): Record<string, unknown> => {
  const id = randomUUID();
  return { pk: pk(entry.campaignId), sk: `${entry.at}#${id}`, type: 'audit', id, ...entry };
};

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

const decodeCursor = (cursor: string | undefined, campaignId: string) => {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (key.pk !== pk(campaignId) || typeof key.sk !== 'string') throw new Error('foreign cursor');
    return { pk: key.pk, sk: key.sk };
  } catch {
    throw new ValidationError(
      say('翻页标记（cursor）无效：不是本列表给出的', 'The cursor is not one this list handed out'),
      {
        parameter: 'cursor',
      },
    );
  }
};

export const createAuditRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): AuditRepository => ({
  async list(campaignId, { limit, cursor }) {
    const result = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk(campaignId) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, campaignId),
      }),
    );
    return {
      entries: (result.Items ?? []).map((item) => auditEntrySchema.parse(item)),
      nextCursor: encodeCursor(result.LastEvaluatedKey),
    };
  },

  async since(campaignId, at) {
    const items = await queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk >= :at',
      ExpressionAttributeValues: { ':pk': pk(campaignId), ':at': at },
    });
    return items.map((item) => auditEntrySchema.parse(item));
  },
});
