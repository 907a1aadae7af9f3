/**
 * DynamoDB layout of activity reports, in a partition of their own per campaign (`pk = CAMPAIGN#<cid>#REPORTS`,
 * outside the campaign partition, so stage preconditions never count them): one item per report,
 * `sk = REPORT#<rid>`, `type: 'activity-report'`. Each write is conditional on the campaign's stage and on the
 * version read, and carries its audit item, in one transaction.
 */
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { cancellationCodes, queryAll, withConflictRetry } from '../aws/dynamo';
import type { AuditEntry } from '../audit/audit';
import { auditItem } from '../audit/audit-repository';
import { campaignInStageCheck } from '../campaigns/campaign-repository';
import type { Stage } from '../campaigns/schema';
import { ConflictError, say } from '../errors';
import { campaignIdOf } from '../nominations/nomination';
import { activityReportSchema, type ActivityReport } from './report';

export interface ActivityReportRepository {
  /** The report with this id (read strongly consistently), undefined when there is none. */
  get(rid: string): Promise<ActivityReport | undefined>;
  /** The campaign's reports, oldest first. */
  list(cid: string): Promise<ActivityReport[]>;
  /** Stores a new report while the campaign is in `stage` (409 WRONG_STAGE otherwise). */
  create(report: ActivityReport, audit: Omit<AuditEntry, 'id'>, stage: Stage): Promise<void>;
  /** Replaces the report if its stored version is `report.version - 1` (409 REPORT_CHANGED) while the campaign is in `stage`. */
  save(report: ActivityReport, audit: Omit<AuditEntry, 'id'>, stage: Stage): Promise<void>;
}

const pk = (cid: string) => `CAMPAIGN#${cid}#REPORTS`;
const sk = (rid: string) => `REPORT#${rid}`;

/** A TransactWriteItems entry that holds while the report exists (a photo is verified only then). */
export const reportExistsCheck = (tableName: string, report: Pick<ActivityReport, 'id' | 'campaignId'>) => ({
  ConditionCheck: {
    TableName: tableName,
    Key: { pk: pk(report.campaignId), sk: sk(report.id) },
    ConditionExpression: 'attribute_exists(pk)',
  },
});

export const createActivityReportRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): ActivityReportRepository => {
  const transact = async (
    report: ActivityReport,
    audit: Omit<AuditEntry, 'id'>,
    stage: Stage,
    condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> },
  ) => {
    const items = [
      campaignInStageCheck(tableName, report.campaignId, stage),
      {
        Put: {
          TableName: tableName,
          Item: { pk: pk(report.campaignId), sk: sk(report.id), type: 'activity-report', ...report },
          ...condition,
        },
      },
      { Put: { TableName: tableName, Item: auditItem(audit) } },
    ];
    try {
      await withConflictRetry(() => client.send(new TransactWriteCommand({ TransactItems: items as never })));
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes[0] === 'ConditionalCheckFailed') {
        throw new ConflictError(
          'WRONG_STAGE',
          say(
            '当前阶段不能提交或修改活动报告',
            `Activity reports are filed and changed while the campaign is in ${stage}`,
          ),
          { required: stage },
        );
      }
      if (codes[1] === 'ConditionalCheckFailed') {
        throw new ConflictError(
          'REPORT_CHANGED',
          say('活动报告已被他人修改，请重新读取后再试', 'The report was changed meanwhile; reload it and try again'),
          { reportId: report.id },
        );
      }
      throw new ConflictError('BUSY', say('同一记录正被修改，请重试', 'Another change was in progress; try again'));
    }
  };

  return {
    async get(rid) {
      const cid = campaignIdOf(rid);
      if (!cid) return undefined;
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { pk: pk(cid), sk: sk(rid) }, ConsistentRead: true }),
      );
      return Item ? activityReportSchema.parse(Item) : undefined;
    },

    async list(cid) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk(cid), ':prefix': 'REPORT#' },
        ConsistentRead: true,
      });
      return items
        .map((item) => activityReportSchema.parse(item))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },

    create: (report, audit, stage) =>
      transact(report, audit, stage, { ConditionExpression: 'attribute_not_exists(pk)' }),

    save: (report, audit, stage) =>
      transact(report, audit, stage, {
        ConditionExpression: 'version = :previous',
        ExpressionAttributeValues: { ':previous': report.version - 1 },
      }),
  };
};
