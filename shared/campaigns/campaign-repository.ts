/**
 * DynamoDB layout of campaigns. The campaign record sits at `CAMPAIGN#<id>` / `CAMPAIGN` in the
 * campaign's partition, where the other concepts keep their records (each carrying `type` and,
 * where it has one, `status`); campaigns are listed through gsi1 (`CAMPAIGNS`).
 * Every write is conditional on the version read, so two admins cannot both move a stage.
 */
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { cancellationCodes, queryAll, queryItems } from '../aws/dynamo';
import { auditItem } from '../audit/audit-repository';
import type { AuditEntry } from '../audit/audit';
import { ConflictError, say } from '../errors';
import { campaignSchema, type Campaign } from './schema';

export interface CampaignRepository {
  get(id: string): Promise<Campaign | undefined>;
  list(): Promise<Campaign[]>;
  /** Creates the campaign; ConflictError when the id exists. */
  create(campaign: Campaign, audit: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Replaces the campaign if its stored version is still `campaign.version - 1`; ConflictError otherwise. */
  update(campaign: Campaign, audit: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Records of the campaign partition with their `type` and `status`, for stage preconditions. */
  countRecords(id: string): Promise<Map<string, number>>;
}

export const campaignPk = (id: string) => `CAMPAIGN#${id}`;

/**
 * A TransactWriteItems entry that holds only while the campaign is in `stage` (other concepts guard their writes with
 * it).
 */
export const campaignInStageCheck = (tableName: string, id: string, stage: string) => ({
  ConditionCheck: {
    TableName: tableName,
    Key: { pk: campaignPk(id), sk: 'CAMPAIGN' },
    ConditionExpression: 'stage = :stage',
    ExpressionAttributeValues: { ':stage': stage },
  },
});

/**
 * A TransactWriteItems entry that records a change of the campaign's vote ledger (a void starting,
 * `pending: 1`, or finishing, `pending: -1`): bumps `ledgerVersion` (results record the one they
 * cover) and `version` (so a stage move decided on facts read before fails), and counts the voids
 * under way. A void may start only while votes can still change the results (voting, scoring).
 */
export const ledgerChange = (tableName: string, id: string, pending: 1 | -1) => ({
  Update: {
    TableName: tableName,
    Key: { pk: campaignPk(id), sk: 'CAMPAIGN' },
    UpdateExpression: 'ADD #version :one, ledgerVersion :one, voidsPending :pending',
    ConditionExpression: pending === 1 ? '#stage IN (:voting, :scoring)' : 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#version': 'version', ...(pending === 1 ? { '#stage': 'stage' } : {}) },
    ExpressionAttributeValues: {
      ':one': 1,
      ':pending': pending,
      ...(pending === 1 ? { ':voting': 'voting', ':scoring': 'scoring' } : {}),
    },
  },
});

const toItem = (campaign: Campaign) => ({
  pk: campaignPk(campaign.id),
  sk: 'CAMPAIGN',
  type: 'campaign',
  gsi1pk: 'CAMPAIGNS',
  gsi1sk: `${campaign.createdAt}#${campaign.id}`,
  ...campaign,
});

const isConditionFailure = (error: unknown) => cancellationCodes(error)?.includes('ConditionalCheckFailed') ?? false;

export const createCampaignRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): CampaignRepository => ({
  async get(id) {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: { pk: campaignPk(id), sk: 'CAMPAIGN' } }),
    );
    return Item ? campaignSchema.parse(Item) : undefined;
  },

  async list() {
    const items = await queryAll(client, {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'CAMPAIGNS' },
      ScanIndexForward: false,
    });
    return items.map((item) => campaignSchema.parse(item));
  },

  async create(campaign, audit) {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: toItem(campaign), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: tableName, Item: auditItem(audit) } },
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error))
        throw new ConflictError(
          'CAMPAIGN_EXISTS',
          say(`编号为 ${campaign.id} 的评选活动已存在`, `A campaign with id ${campaign.id} exists already`),
        );
      throw error;
    }
  },

  async update(campaign, audit) {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: toItem(campaign),
                ConditionExpression: 'version = :previous',
                ExpressionAttributeValues: { ':previous': campaign.version - 1 },
              },
            },
            { Put: { TableName: tableName, Item: auditItem(audit) } },
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConflictError(
          'CAMPAIGN_CHANGED',
          say(
            '评选活动刚被他人修改，请刷新后重试',
            'The campaign was changed by someone else meanwhile; reload it and try again',
          ),
        );
      }
      throw error;
    }
  },

  async countRecords(id) {
    const counts = new Map<string, number>();
    const items = queryItems(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': campaignPk(id) },
      ProjectionExpression: '#type, #status',
      ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
    });
    for await (const item of items) {
      const key = `${String(item.type)}:${String(item.status ?? '')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  },
});
