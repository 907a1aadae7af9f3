/**
 * DynamoDB layout of judging, in the campaign's partition (`pk = CAMPAIGN#<cid>`):
 * - a judge:    `sk = JUDGE#<username>`, `type: 'judge'`;
 * - a conflict: `sk = CONFLICT#<username>#<nid>`, `type: 'conflict'`;
 * - a score:    `sk = SCORE#<nid>#<username>`, `type: 'score'` (a revision replaces it).
 * Each write carries its audit item in one transaction; a score is written only while the
 * campaign is in a judging stage and judging is not closed, and only over the revision read.
 */
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { cancellationCodes, queryAll } from '../aws/dynamo';
import { auditItem } from '../audit/audit-repository';
import type { AuditEntry } from '../audit/audit';
import { campaignPk } from '../campaigns/campaign-repository';
import { ConflictError, say } from '../errors';
import { conflictSchema, judgeSchema, scoreSchema, type Conflict, type Judge, type Score } from './schema';

type Audit = Omit<AuditEntry, 'id'>;

export interface JudgingRepository {
  /** Adds a judge; 409 JUDGE_EXISTS when the username is a judge already. */
  addJudge(cid: string, judge: Judge, audit: Audit): Promise<void>;
  listJudges(cid: string): Promise<Judge[]>;
  putConflicts(cid: string, conflicts: Conflict[], audit: Audit): Promise<void>;
  listConflicts(cid: string): Promise<Conflict[]>;
  /**
   * Writes a score while the campaign is in one of `stages` with judging open, over the revision before it; 409
   * otherwise.
   */
  putScore(cid: string, score: Score, audit: Audit, stages: readonly string[]): Promise<void>;
  listScores(cid: string): Promise<Score[]>;
}

export const createJudgingRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): JudgingRepository => {
  const query = (cid: string, prefix: string) =>
    queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': campaignPk(cid), ':prefix': prefix },
      ConsistentRead: true,
    });
  const auditPut = (audit: Audit) => ({ Put: { TableName: tableName, Item: auditItem(audit) } });

  return {
    async addJudge(cid, judge, audit) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { pk: campaignPk(cid), sk: `JUDGE#${judge.username}`, type: 'judge', ...judge },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              auditPut(audit),
            ],
          }),
        );
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed')
          throw new ConflictError(
            'JUDGE_EXISTS',
            say(
              `${judge.username} 已是本次评选活动的评审专家`,
              `${judge.username} is a judge of this campaign already`,
            ),
          );
        throw error;
      }
    },

    async listJudges(cid) {
      return (await query(cid, 'JUDGE#')).map((item) => judgeSchema.parse(item));
    },

    async putConflicts(cid, conflicts, audit) {
      // A transaction holds 100 items: one audit item and up to 99 conflicts at a time.
      for (let i = 0; i < conflicts.length; i += 99) {
        const chunk = conflicts.slice(i, i + 99);
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              ...chunk.map((c) => ({
                Put: {
                  TableName: tableName,
                  Item: { pk: campaignPk(cid), sk: `CONFLICT#${c.judge}#${c.nominationId}`, type: 'conflict', ...c },
                },
              })),
              auditPut(audit),
            ],
          }),
        );
      }
    },

    async listConflicts(cid) {
      return (await query(cid, 'CONFLICT#')).map((item) => conflictSchema.parse(item));
    },

    async putScore(cid, score, audit, stages) {
      const stageValues = Object.fromEntries(stages.map((s, i) => [`:stage${i}`, s]));
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                ConditionCheck: {
                  TableName: tableName,
                  Key: { pk: campaignPk(cid), sk: 'CAMPAIGN' },
                  ConditionExpression: `#stage IN (${Object.keys(stageValues).join(', ')}) AND attribute_not_exists(judgingClosed)`,
                  ExpressionAttributeNames: { '#stage': 'stage' },
                  ExpressionAttributeValues: stageValues,
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: campaignPk(cid),
                    sk: `SCORE#${score.nominationId}#${score.judge}`,
                    type: 'score',
                    ...score,
                  },
                  ...(score.revision === 1
                    ? { ConditionExpression: 'attribute_not_exists(pk)' }
                    : {
                        ConditionExpression: 'revision = :previous',
                        ExpressionAttributeValues: { ':previous': score.revision - 1 },
                      }),
                },
              },
              auditPut(audit),
            ],
          }),
        );
      } catch (error) {
        const reasons = cancellationCodes(error);
        if (reasons?.[0] === 'ConditionalCheckFailed')
          throw new ConflictError(
            'JUDGING_CLOSED',
            say('评审刚已关闭或阶段已变更', 'Judging closed or the stage changed meanwhile'),
          );
        if (reasons?.[1] === 'ConditionalCheckFailed' || reasons?.includes('TransactionConflict')) {
          throw new ConflictError(
            'SCORE_CHANGED',
            say(
              '此评分刚被修改（是否在另一处登录？），请刷新评分表后重试',
              'This score was changed meanwhile (another session?); reload the scoresheet and try again',
            ),
          );
        }
        throw error;
      }
    },

    async listScores(cid) {
      return (await query(cid, 'SCORE#')).map((item) => scoreSchema.parse(item));
    },
  };
};
