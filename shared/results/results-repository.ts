/**
 * DynamoDB layout of results, in the campaign's partition (`pk = CAMPAIGN#<cid>`):
 * - a snapshot: `sk = RESULTS#<version, 6 digits>`, `type: 'results'`, `status: 'ready'` (the stage
 *   precondition `results-ready` counts it). Written once (never replaced), only while the
 *   campaign is in `scoring`; the published document is kept byte for byte as JSON text.
 * - the claim of the computation under way: `sk = RESULTS-CLAIM`, `type: 'results-claim'`, one per
 *   campaign. Taken before any file is written, only while in `scoring`, only for a version not yet
 *   stored, and only when no other run holds it (or its lease ran out: the holder crashed); deleted
 *   in the snapshot's transaction, so two runs (two Lambdas) never write the same version.
 * - an override: `sk = OVERRIDE#<at>#<nid>`, `type: 'override'`, only while in `announcement`.
 * Each write carries its audit item(s) in the same transaction.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { DeleteCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { getDocumentClient } from '../aws/clients';
import { cancellationCodes as codes } from '../aws/dynamo';
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
  files: z.object({
    results: z.string(),
    votes: z.string(),
    overrides: z.string(),
    leaves: z.record(categorySchema, z.string()),
  }),
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

/** A computation's hold on the next results version of a campaign. */
export interface ResultsClaim {
  version: number;
  by: string;
  at: string;
  /** Epoch milliseconds; after this another run may take the claim over. */
  leaseUntil: number;
}

export interface ResultsRepository {
  /** The newest snapshot, or undefined before any was computed. */
  latest(cid: string): Promise<Snapshot | undefined>;
  /**
   * Claims the computation of `claim.version` and returns the claim's id; 409 RESULTS_BUSY while
   * another run's lease holds (checked against `claim.at`), RESULTS_CHANGED when that version exists,
   * WRONG_STAGE outside `scoring`.
   */
  claim(cid: string, claim: ResultsClaim): Promise<string>;
  /** Drops this run's claim (after a failure); a claim another run has taken over is left alone. */
  release(cid: string, claimId: string): Promise<void>;
  /** Stores a new snapshot and drops the claim, in `scoring` only; 409 when that version exists, the stage moved or the claim was taken over. */
  putSnapshot(snapshot: Snapshot, audits: Audit[], claimId: string): Promise<void>;
  /**
   * Records an override while the campaign is in `announcement` (409 WRONG_STAGE otherwise), and
   * only if exactly `seen` overrides were recorded before it: the award-quota check was made on
   * those, so one recorded meanwhile makes it 409 OVERRIDES_CHANGED instead of exceeding a quota.
   */
  putOverride(cid: string, override: Override, audit: Audit, seen: number): Promise<void>;
  /** Every override, oldest first. */
  listOverrides(cid: string): Promise<Override[]>;
}

const snapshotSk = (version: number) => `RESULTS#${String(version).padStart(6, '0')}`;
const claimKey = (cid: string) => ({ pk: campaignPk(cid), sk: 'RESULTS-CLAIM' });

export const createResultsRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): ResultsRepository => {
  const auditPut = (audit: Audit) => ({ Put: { TableName: tableName, Item: auditItem(audit) } });
  const ours = (claimId: string) => ({
    ConditionExpression: 'claimId = :claimId',
    ExpressionAttributeValues: { ':claimId': claimId },
  });
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

    async claim(cid, claim) {
      const claimId = randomUUID();
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              campaignInStageCheck(tableName, cid, 'scoring'),
              {
                ConditionCheck: {
                  TableName: tableName,
                  Key: { pk: campaignPk(cid), sk: snapshotSk(claim.version) },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...claimKey(cid), type: 'results-claim', claimId, ...claim },
                  ConditionExpression: 'attribute_not_exists(pk) OR leaseUntil < :now',
                  ExpressionAttributeValues: { ':now': Date.parse(claim.at) },
                },
              },
            ],
          }),
        );
        return claimId;
      } catch (error) {
        const reasons = codes(error);
        if (reasons?.[0] === 'ConditionalCheckFailed')
          throw new ConflictError('WRONG_STAGE', 'Results are computed in scoring; the campaign has moved on');
        if (reasons?.[1] === 'ConditionalCheckFailed')
          throw new ConflictError(
            'RESULTS_CHANGED',
            `Results version ${claim.version} was computed meanwhile by another run; compute again for the next`,
          );
        if (reasons?.[2] === 'ConditionalCheckFailed' || reasons?.includes('TransactionConflict')) {
          throw new ConflictError(
            'RESULTS_BUSY',
            `Another run is computing the results of ${cid} right now; try again once it has finished`,
          );
        }
        throw error;
      }
    },

    async release(cid, claimId) {
      try {
        await client.send(new DeleteCommand({ TableName: tableName, Key: claimKey(cid), ...ours(claimId) }));
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async putSnapshot(snapshot, audits, claimId) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              campaignInStageCheck(tableName, snapshot.campaignId, 'scoring'),
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: campaignPk(snapshot.campaignId),
                    sk: snapshotSk(snapshot.version),
                    type: 'results',
                    status: 'ready',
                    ...snapshot,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              { Delete: { TableName: tableName, Key: claimKey(snapshot.campaignId), ...ours(claimId) } },
              ...audits.map(auditPut),
            ],
          }),
        );
      } catch (error) {
        const reasons = codes(error);
        if (reasons?.[0] === 'ConditionalCheckFailed')
          throw new ConflictError('WRONG_STAGE', 'Results are computed in scoring; the campaign has moved on');
        if (
          reasons?.[1] === 'ConditionalCheckFailed' ||
          reasons?.[2] === 'ConditionalCheckFailed' ||
          reasons?.includes('TransactionConflict')
        ) {
          throw new ConflictError(
            'RESULTS_CHANGED',
            `Results version ${snapshot.version} was computed meanwhile by another run (this run's claim ran out and was taken over)`,
          );
        }
        throw error;
      }
    },

    async putOverride(cid, override, audit, seen) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              campaignInStageCheck(tableName, cid, 'announcement'),
              // The campaign's override counter: the quota check holds only if no override came between.
              {
                Update: {
                  TableName: tableName,
                  Key: { pk: campaignPk(cid), sk: 'OVERRIDES' },
                  UpdateExpression: 'SET overrideCount = :next',
                  ConditionExpression: seen === 0 ? 'attribute_not_exists(overrideCount)' : 'overrideCount = :seen',
                  ExpressionAttributeValues: { ':next': seen + 1, ...(seen === 0 ? {} : { ':seen': seen }) },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: campaignPk(cid),
                    sk: `OVERRIDE#${override.at}#${override.nominationId}`,
                    type: 'override',
                    ...override,
                  },
                },
              },
              auditPut(audit),
            ],
          }),
        );
      } catch (error) {
        const reasons = codes(error);
        if (reasons?.[0] === 'ConditionalCheckFailed')
          throw new ConflictError('WRONG_STAGE', 'Awards can be overridden only in announcement');
        if (reasons?.[1] === 'ConditionalCheckFailed')
          throw new ConflictError(
            'OVERRIDES_CHANGED',
            '刚有另一项改判记录，请刷新结果后重试 / Another override was recorded meanwhile; reload the results and try again',
          );
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
