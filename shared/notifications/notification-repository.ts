/**
 * DynamoDB layout of notifications, one partition per campaign beside (not in) the campaign's own:
 *   `CAMPAIGN#<cid>#NOTIFY` / `N#<id>`          a notification: recipient, text, status (TTL 30 days after creation);
 *                                               listed in gsi1 under `NOTIFY-PENDING#<cid>` only while pending
 *   `CAMPAIGN#<cid>#NOTIFY` / `CURSOR`          how far the worker has read the campaign's audit trail
 *   `CAMPAIGN#<cid>#NOTIFY` / `JUDGE#<username>` a judge's reminder contact (their opt-in; TTL a year after it)
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { auditItem } from '../audit/audit-repository';
import { getDocumentClient } from '../aws/clients';
import { queryAll } from '../aws/dynamo';
import { notificationSchema, type Notification } from './notification';
import { judgeContactSchema, type AuditCursor, type NotificationRepository } from './notifications';

const pk = (campaignId: string) => `CAMPAIGN#${campaignId}#NOTIFY`;
const notificationSk = (id: string) => `N#${id}`;
const judgeSk = (username: string) => `JUDGE#${username}`;
/** The sparse index entry of a pending notification: the worker reads only these, however many were sent. */
const pendingKeys = (notification: Pick<Notification, 'campaignId' | 'createdAt' | 'id'>) => ({
  gsi1pk: `NOTIFY-PENDING#${notification.campaignId}`,
  gsi1sk: `${notification.createdAt}#${notification.id}`,
});
/** Notifications hold a phone or an address: gone 30 days after they were created. */
const KEEP_SECONDS = 30 * 86_400;
/** A judge's contact lasts a year at most (a campaign's judging is over well before). */
const CONTACT_KEEP_SECONDS = 365 * 86_400;
const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

const ignoreFailedCondition = (error: unknown): false => {
  if (error instanceof ConditionalCheckFailedException) return false;
  throw error;
};

export const createNotificationRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): NotificationRepository => ({
  async enqueue(notification) {
    const item = {
      pk: pk(notification.campaignId),
      sk: notificationSk(notification.id),
      type: 'notification',
      ...notification,
      status: 'pending',
      attempts: 0,
      ...pendingKeys(notification),
      expiresAt: epochSeconds(notification.createdAt) + KEEP_SECONDS,
    };
    return client
      .send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }))
      .then(() => true, ignoreFailedCondition);
  },

  async pending(campaignId) {
    // The index is eventually consistent: one just claimed may still be listed, and its claim then fails.
    const items = await queryAll(client, {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pending',
      ExpressionAttributeValues: { ':pending': pendingKeys({ campaignId, createdAt: '', id: '' }).gsi1pk },
    });
    return items.map((item) => notificationSchema.parse(item));
  },

  async claim(notification) {
    return client
      .send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: pk(notification.campaignId), sk: notificationSk(notification.id) },
          UpdateExpression: 'SET #status = :sending ADD attempts :one REMOVE gsi1pk, gsi1sk',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':pending': 'pending', ':one': 1 },
        }),
      )
      .then(() => true, ignoreFailedCondition);
  },

  async finish(notification, status, audit) {
    // Back to pending (a retry): listed again.
    const again = status === 'pending' ? pendingKeys(notification) : undefined;
    const update = {
      TableName: tableName,
      Key: { pk: pk(notification.campaignId), sk: notificationSk(notification.id) },
      UpdateExpression: `SET #status = :status${again ? ', gsi1pk = :gsi1pk, gsi1sk = :gsi1sk' : ''}`,
      ConditionExpression: '#status = :sending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ':sending': 'sending',
        ...(again ? { ':gsi1pk': again.gsi1pk, ':gsi1sk': again.gsi1sk } : {}),
      },
    };
    if (!audit) {
      await client.send(new UpdateCommand(update));
      return;
    }
    await client.send(
      new TransactWriteCommand({
        TransactItems: [{ Update: update }, { Put: { TableName: tableName, Item: auditItem(audit) } }],
      }),
    );
  },

  async cursor(campaignId) {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: { pk: pk(campaignId), sk: 'CURSOR' }, ConsistentRead: true }),
    );
    return Item ? { at: String(Item.at), seen: (Item.seen as AuditCursor['seen'] | undefined) ?? [] } : undefined;
  },

  async saveCursor(campaignId, cursor) {
    await client.send(
      new PutCommand({ TableName: tableName, Item: { pk: pk(campaignId), sk: 'CURSOR', type: 'cursor', ...cursor } }),
    );
  },

  async judgeContact(campaignId, username) {
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: pk(campaignId), sk: judgeSk(username) },
        ConsistentRead: true,
      }),
    );
    return Item ? judgeContactSchema.parse(Item) : undefined;
  },

  async saveJudgeContact(campaignId, contact, audit) {
    const key = { pk: pk(campaignId), sk: judgeSk(contact.username) };
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          contact.consent
            ? {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...key,
                    type: 'judge-contact',
                    ...contact,
                    expiresAt: epochSeconds(contact.at) + CONTACT_KEEP_SECONDS,
                  },
                },
              }
            : { Delete: { TableName: tableName, Key: key } },
          { Put: { TableName: tableName, Item: auditItem(audit) } },
        ],
      }),
    );
  },
});
