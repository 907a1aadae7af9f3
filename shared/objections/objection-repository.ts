/**
 * DynamoDB layout of objections, in the campaign's partition (`pk = CAMPAIGN#<cid>`,
 * `sk = OBJECTION#<oid>`, `type: 'objection'`, `status` open | upheld | dismissed), where the stage
 * preconditions count the open ones. Filing is conditional on the campaign's stage; a ruling is
 * conditional on the objection being open and writes, in the same transaction, the candidate's
 * disqualification (when upheld) and the audit items.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { cancellationCodes, queryAll } from '../aws/dynamo';
import { auditItem } from '../audit/audit-repository';
import type { AuditEntry } from '../audit/audit';
import { campaignInStageCheck, campaignPk } from '../campaigns/campaign-repository';
import { STAGE_NAMES, type Stage } from '../campaigns/schema';
import { ConflictError, say } from '../errors';
import { nominationPutItem } from '../nominations/nomination-repository';
import type { Nomination } from '../nominations/nomination';
import { campaignIdOf } from '../nominations/nomination';
import { objectionSchema, type Objection } from './objection';

type Audit = Omit<AuditEntry, 'id'>;

export interface ObjectionRepository {
  /** Stores an open objection while the campaign is in `stage`; 409 WRONG_STAGE otherwise. */
  create(objection: Objection, stage: Stage, audit: Audit): Promise<void>;
  get(oid: string): Promise<Objection | undefined>;
  /** The campaign's objections, oldest first. */
  list(cid: string): Promise<Objection[]>;
  /**
   * Stores the ruled objection if it is still open (409 ALREADY_RULED otherwise), with the
   * disqualified nomination when given (409 NOMINATION_CHANGED if it changed meanwhile), atomically.
   */
  rule(objection: Objection, disqualified: Nomination | undefined, audits: Audit[]): Promise<void>;
  /** Blanks the filer's name and phone (personal data past its retention); the objection itself stays. */
  eraseFiler(objection: Objection): Promise<void>;
}

const BUSY = say('另一项更改正在进行，请重试', 'Another change was in progress; try again');

const objectionSk = (oid: string) => `OBJECTION#${oid}`;
const toItem = (objection: Objection) => ({
  pk: campaignPk(objection.campaignId),
  sk: objectionSk(objection.id),
  type: 'objection',
  ...objection,
});

export const createObjectionRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): ObjectionRepository => ({
  async create(objection, stage, audit) {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            campaignInStageCheck(tableName, objection.campaignId, stage),
            { Put: { TableName: tableName, Item: toItem(objection), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: tableName, Item: auditItem(audit) } },
          ],
        }),
      );
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed')
        throw new ConflictError(
          'WRONG_STAGE',
          say(`评选活动已不在“${STAGE_NAMES[stage]}”阶段`, `The campaign is no longer in ${stage}`),
          { required: stage },
        );
      if (codes) throw new ConflictError('BUSY', BUSY);
      throw error;
    }
  },

  async get(oid) {
    const cid = campaignIdOf(oid);
    if (!cid) return undefined;
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: campaignPk(cid), sk: objectionSk(oid) },
        ConsistentRead: true,
      }),
    );
    return Item ? objectionSchema.parse(Item) : undefined;
  },

  async list(cid) {
    const items = await queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': campaignPk(cid), ':prefix': 'OBJECTION#' },
    });
    return items
      .map((item) => objectionSchema.parse(item))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  },

  async eraseFiler(objection) {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: campaignPk(objection.campaignId), sk: objectionSk(objection.id) },
        UpdateExpression: 'SET #name = :blank, phone = :blank',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':blank': '' },
      }),
    );
  },

  async rule(objection, disqualified, audits) {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: toItem(objection),
                ConditionExpression: '#status = :open',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':open': 'open' },
              },
            },
            ...(disqualified ? [nominationPutItem(tableName, disqualified)] : []),
            ...audits.map((audit) => ({ Put: { TableName: tableName, Item: auditItem(audit) } })),
          ] as never,
        }),
      );
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed')
        throw new ConflictError(
          'ALREADY_RULED',
          say(`异议 ${objection.id} 已有处理结果`, `Objection ${objection.id} has been ruled on already`),
        );
      if (codes?.[1] === 'ConditionalCheckFailed') {
        throw new ConflictError(
          'NOMINATION_CHANGED',
          say('候选对象刚被他人修改，请重试', 'The candidate was changed by someone else meanwhile; try again'),
          { nominationId: objection.nominationId },
        );
      }
      if (codes) throw new ConflictError('BUSY', BUSY);
      throw error;
    }
  },
});
