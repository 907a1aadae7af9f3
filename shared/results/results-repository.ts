/**
 * DynamoDB layout of results, in the campaign's partition (`pk = CAMPAIGN#<cid>`):
 * - a snapshot: `sk = RESULTS#<version, 6 digits>`, `type: 'results'`, `status: 'ready'` (the stage
 *   precondition `results-ready` counts it). Written once (never replaced), only while the
 *   campaign is in `scoring`; the published document is kept byte for byte as JSON text.
 * - an override: `sk = OVERRIDE#<at>#<nid>`, `type: 'override'`, only while in `announcement`.
 * Each write carries its audit item(s) in the same transaction.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { getDocumentClient } from '../aws/clients';
import { auditItem } from '../audit/audit-repository';
import type { AuditEntry } from '../audit/audit';
import { campaignInStageCheck, campaignPk } from '../campaigns/campaign-repository';
import { categorySchema } from '../campaigns/schema';
import { ConflictError } from '../errors';

type Audit = Omit<AuditEntry, 'id'>;

export const snapshotSchema = z.object({
  campaignId: z.string(),
  version: z.int(),
  computedAt: z.string(),
  computedBy: z.string(),
  /** The published results document, as the exact JSON text of results.json. */
  document: z.string(),
  files: z.object({ results: z.string(), votes: z.string(), leaves: z.record(categorySchema, z.string()) }),
  /** Recount against the live counters (admins only): where they differ, the recount won. */
  recount: z.object({ mismatches: z.array(z.object({ candidateId: z.string(), live: z.int(), recounted: z.int() })) }),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const overrideSchema = z.object({
  nominationId: z.string(),
  awarded: z.boolean(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
  resultsVersion: z.int(),
});
export type Override = z.infer<typeof overrideSchema>;

export interface ResultsRepository {
  /** The newest snapshot, or undefined before any was computed. */
  latest(cid: string): Promise<Snapshot | undefined>;
  /** Stores a new snapshot while the campaign is in `scoring`; 409 when that version exists or the stage moved. */
  putSnapshot(snapshot: Snapshot, audits: Audit[]): Promise<void>;
  /** Records an override while the campaign is in `announcement`; 409 otherwise. */
  putOverride(cid: string, override: Override, audit: Audit): Promise<void>;
  /** Every override, oldest first. */
  listOverrides(cid: string): Promise<Override[]>;
}

const codes = (error: unknown): string[] | undefined =>
  error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None') : undefined;

export const createResultsRepository = ({ tableName, client = getDocumentClient() }: { tableName: string; client?: DynamoDBDocumentClient }): ResultsRepository => {
  const auditPut = (audit: Audit) => ({ Put: { TableName: tableName, Item: auditItem(audit) } });
  return {
    async latest(cid) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': campaignPk(cid), ':prefix': 'RESULTS#' },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      return Items[0] ? snapshotSchema.parse(Items[0]) : undefined;
    },

    async putSnapshot(snapshot, audits) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              campaignInStageCheck(tableName, snapshot.campaignId, 'scoring'),
              {
                Put: {
                  TableName: tableName,
                  Item: { pk: campaignPk(snapshot.campaignId), sk: `RESULTS#${String(snapshot.version).padStart(6, '0')}`, type: 'results', status: 'ready', ...snapshot },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              ...audits.map(auditPut),
            ],
          }),
        );
      } catch (error) {
        const reasons = codes(error);
        if (reasons?.[0] === 'ConditionalCheckFailed') throw new ConflictError('WRONG_STAGE', 'Results are computed in scoring; the campaign has moved on');
        if (reasons?.[1] === 'ConditionalCheckFailed' || reasons?.includes('TransactionConflict')) {
          throw new ConflictError('RESULTS_CHANGED', `Results version ${snapshot.version} was computed meanwhile by another run`);
        }
        throw error;
      }
    },

    async putOverride(cid, override, audit) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              campaignInStageCheck(tableName, cid, 'announcement'),
              { Put: { TableName: tableName, Item: { pk: campaignPk(cid), sk: `OVERRIDE#${override.at}#${override.nominationId}`, type: 'override', ...override } } },
              auditPut(audit),
            ],
          }),
        );
      } catch (error) {
        if (codes(error)?.[0] === 'ConditionalCheckFailed') throw new ConflictError('WRONG_STAGE', 'Awards can be overridden only in announcement');
        throw error;
      }
    },

    async listOverrides(cid) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': campaignPk(cid), ':prefix': 'OVERRIDE#' },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items.map((item) => overrideSchema.parse(item));
    },
  };
};
