/**
 * DynamoDB layout of nominations, in the campaign's partition (`pk = CAMPAIGN#<cid>`):
 * - the nomination: `sk = NOMINATION#<nid>`, `type: 'nomination'`, `status` (stage preconditions count them);
 * - the recommend-quota counter per district and category: `sk = QUOTA#<district>#<category>`,
 *   `type: 'quota'`, `used`.
 * Every change is conditional on the version read and on the campaign's stage, and carries its
 * audit item, all in one TransactWriteItems; a forward also raises the counter only while
 * `used < quota`. So racing requests cannot both win and a district can never exceed its quota.
 */
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { cancellationCodes, queryAll, withConflictRetry } from '../aws/dynamo';
import { auditItem } from '../audit/audit-repository';
import type { AuditEntry } from '../audit/audit';
import { campaignInStageCheck, campaignPk } from '../campaigns/campaign-repository';
import { CATEGORY_NAMES, STAGE_NAMES, type Category, type Stage } from '../campaigns/schema';
import { ConflictError, say } from '../errors';
import { campaignIdOf, nominationSchema, type Nomination, type NominationStatus } from './nomination';

export interface NominationFilter {
  status?: NominationStatus;
  category?: Category;
  district?: string;
  department?: string;
  owner?: string;
}

export type NominationAudit = Omit<AuditEntry, 'id'>;

export interface NominationRepository {
  /** The nomination with this id, read strongly consistently; undefined when there is none. */
  get(nid: string): Promise<Nomination | undefined>;
  /** The campaign's nominations matching every given filter field, oldest first. */
  listByCampaign(cid: string, filter?: NominationFilter): Promise<Nomination[]>;
  /** The campaign's approved candidates (status `approved`; disqualified ones are not). */
  listApproved(cid: string, filter?: Omit<NominationFilter, 'status'>): Promise<Nomination[]>;
  /** Stores a new nomination while the campaign is in `stage`; 409 WRONG_STAGE otherwise. */
  create(nomination: Nomination, audit: NominationAudit, stage: Stage): Promise<void>;
  /**
   * Replaces the nomination if its stored version is still `nomination.version - 1` (409
   * NOMINATION_CHANGED otherwise) and the campaign is in `stage` (409 WRONG_STAGE).
   */
  save(nomination: Nomination, audit: NominationAudit, stage: Stage): Promise<void>;
  /**
   * `save` plus one place of the district's recommend quota for the category; 409 QUOTA_EXCEEDED when all `quota` are
   * used.
   */
  saveWithinQuota(nomination: Nomination, audit: NominationAudit, stage: Stage, quota: number): Promise<void>;
  /** Places of the recommend quota used by the district for the category. */
  quotaUsed(cid: string, district: string, category: Category): Promise<number>;
}

const nominationSk = (nid: string) => `NOMINATION#${nid}`;
const quotaSk = (district: string, category: Category) => `QUOTA#${district}#${category}`;

const toItem = (nomination: Nomination) => ({
  pk: campaignPk(nomination.campaignId),
  sk: nominationSk(nomination.id),
  type: 'nomination',
  ...nomination,
});

/**
 * The version-conditional Put of a changed nomination, for another concept's transaction (an
 * upheld objection disqualifies its candidate in the same transaction as the ruling).
 */
export const nominationPutItem = (tableName: string, nomination: Nomination) => ({
  Put: {
    TableName: tableName,
    Item: toItem(nomination),
    ConditionExpression: 'version = :previous',
    ExpressionAttributeValues: { ':previous': nomination.version - 1 },
  },
});

/** A condition that the nomination is in one of `statuses`, for another concept's transaction. */
export const nominationInStatusCheck = (
  tableName: string,
  nomination: Pick<Nomination, 'id' | 'campaignId'>,
  statuses: readonly NominationStatus[],
) => ({
  ConditionCheck: {
    TableName: tableName,
    Key: { pk: campaignPk(nomination.campaignId), sk: nominationSk(nomination.id) },
    ConditionExpression: `#status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: Object.fromEntries(statuses.map((status, i) => [`:s${i}`, status])),
  },
});

const FILTER_FIELDS = ['status', 'category', 'district', 'department', 'owner'] as const;

const filterExpression = (filter: NominationFilter) => {
  const used = FILTER_FIELDS.filter((field) => filter[field] !== undefined);
  if (used.length === 0) return {};
  return {
    FilterExpression: used.map((field) => `#${field} = :${field}`).join(' AND '),
    ExpressionAttributeNames: Object.fromEntries(used.map((field) => [`#${field}`, field])),
    ExpressionAttributeValues: Object.fromEntries(used.map((field) => [`:${field}`, filter[field]])),
  };
};

export const createNominationRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): NominationRepository => {
  const quotaUsed = async (cid: string, district: string, category: Category) => {
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: campaignPk(cid), sk: quotaSk(district, category) },
        ConsistentRead: true,
      }),
    );
    return typeof Item?.used === 'number' ? Item.used : 0;
  };

  /** Takes one place of the district's recommend quota for the category while `used < quota`. */
  const quotaPlace = (nomination: Nomination, quota: number) => ({
    Update: {
      TableName: tableName,
      Key: { pk: campaignPk(nomination.campaignId), sk: quotaSk(nomination.district, nomination.category) },
      UpdateExpression:
        'SET used = if_not_exists(used, :zero) + :one, #type = :type, district = :district, category = :category',
      ConditionExpression: 'attribute_not_exists(used) OR used < :quota',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':zero': 0,
        ':one': 1,
        ':quota': quota,
        ':type': 'quota',
        ':district': nomination.district,
        ':category': nomination.category,
      },
    },
  });

  /**
   * Runs the transaction [stage check, nomination, quota place when a quota is given, audit]. A
   * cancellation for a concurrent transaction on the same items (TransactionConflict) is retried,
   * so the loser of a race is told why it lost (quota used, nomination changed) rather than "busy".
   */
  const transact = async (
    nomination: Nomination,
    audit: NominationAudit,
    stage: Stage,
    nominationItem: object,
    quota?: number,
  ) => {
    const items = [
      campaignInStageCheck(tableName, nomination.campaignId, stage),
      nominationItem,
      ...(quota === undefined ? [] : [quotaPlace(nomination, quota)]),
      { Put: { TableName: tableName, Item: auditItem(audit) } },
    ];
    try {
      await withConflictRetry(() => client.send(new TransactWriteCommand({ TransactItems: items as never })));
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const failed = (index: number) => codes[index] === 'ConditionalCheckFailed';
      if (failed(0))
        throw new ConflictError(
          'WRONG_STAGE',
          say(`评选活动已不在“${STAGE_NAMES[stage]}”阶段`, `The campaign is no longer in ${stage}`),
          { required: stage },
        );
      if (failed(1)) {
        throw new ConflictError(
          'NOMINATION_CHANGED',
          say(
            '申报刚被他人修改，请刷新后重试',
            'The nomination was changed by someone else meanwhile; reload it and try again',
          ),
          { nominationId: nomination.id },
        );
      }
      if (quota !== undefined && failed(2)) {
        const used = await quotaUsed(nomination.campaignId, nomination.district, nomination.category);
        throw new ConflictError(
          'QUOTA_EXCEEDED',
          say(
            `${nomination.district} 的${CATEGORY_NAMES[nomination.category]}推荐名额共 ${quota} 个，已用 ${used} 个`,
            `District ${nomination.district} has used ${used} of its ${quota} recommend places (推荐名额) for ${nomination.category}`,
          ),
          { district: nomination.district, category: nomination.category, quota, used },
        );
      }
      throw new ConflictError(
        'BUSY',
        say('同一记录正有另一项更改在进行，请重试', 'Another change to the same records was in progress; try again'),
        { nominationId: nomination.id },
      );
    }
  };

  const versioned = (nomination: Nomination) => nominationPutItem(tableName, nomination);

  const list = async (cid: string, filter: NominationFilter) => {
    const { FilterExpression, ExpressionAttributeNames, ExpressionAttributeValues } = filterExpression(filter);
    const items = await queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression,
      ExpressionAttributeNames,
      ExpressionAttributeValues: { ':pk': campaignPk(cid), ':prefix': 'NOMINATION#', ...ExpressionAttributeValues },
    });
    return items
      .map((item) => nominationSchema.parse(item))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  };

  return {
    async get(nid) {
      const cid = campaignIdOf(nid);
      if (!cid) return undefined;
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: campaignPk(cid), sk: nominationSk(nid) },
          ConsistentRead: true,
        }),
      );
      return Item ? nominationSchema.parse(Item) : undefined;
    },

    listByCampaign: (cid, filter = {}) => list(cid, filter),

    listApproved: (cid, filter = {}) => list(cid, { ...filter, status: 'approved' }),

    async create(nomination, audit, stage) {
      await transact(nomination, audit, stage, {
        Put: { TableName: tableName, Item: toItem(nomination), ConditionExpression: 'attribute_not_exists(pk)' },
      });
    },

    async save(nomination, audit, stage) {
      await transact(nomination, audit, stage, versioned(nomination));
    },

    async saveWithinQuota(nomination, audit, stage, quota) {
      await transact(nomination, audit, stage, versioned(nomination), quota);
    },

    quotaUsed,
  };
};
