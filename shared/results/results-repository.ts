/**
 * DynamoDB layout of results, in the campaign's partition (`pk = CAMPAIGN#<cid>`):
 * - a snapshot: `sk = RESULTS#<version, 6 digits>`, `type: 'results'`, `status: 'ready'` (the stage
 *   precondition `results-ready` counts it). Written once (never replaced), only while the
 *   campaign is in `scoring`; the published document is kept byte for byte as JSON text.
 * - the claim of the computation under way: `sk = RESULTS-CLAIM`, `type: 'results-claim'`, one per
 *   campaign. Taken before any file is written, only while in `scoring`, only for a version not yet
 *   stored, and only when no other run holds it (or its lease ran out: the holder crashed); deleted
 *   in the snapshot's transaction, so two runs (two Lambdas) never write the same version.
 * - the newest computation request (the job the worker runs): `sk = RESULTS-JOB`, `type: 'results-job'`,
 *   one per campaign; a new request replaces it only once it is done or failed (else the request
 *   joins it). Its `state` and progress are what GET /campaigns/{cid}/results/compute shows.
 * - an override: `sk = OVERRIDE#<at>#<nid>`, `type: 'override'`, only while in `announcement`.
 * Each write carries its audit item(s) in the same transaction.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { getDocumentClient } from '../aws/clients';
import { cancellationCodes as codes } from '../aws/dynamo';
import { auditItem } from '../audit/audit-repository';
import type { AuditEntry } from '../audit/audit';
import { campaignInStageCheck, campaignPk } from '../campaigns/campaign-repository';
import { categorySchema } from '../campaigns/schema';
import { ConflictError, say } from '../errors';

type Audit = Omit<AuditEntry, 'id'>;

export const snapshotSchema = z.object({
  campaignId: z.string(),
  version: z.int(),
  computedAt: z.string(),
  computedBy: z.string(),
  /** The campaign's vote ledger version these results cover (stage precondition `results-ready` compares it). */
  ledgerVersion: z.int(),
  /** The published results document, as the exact JSON text of results.json. */
  document: z.string(),
  files: z.object({
    results: z.string(),
    votes: z.string(),
    votesCsv: z.string(),
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

export const jobSchema = z.object({
  jobId: z.string(),
  /** queued (requested, the worker picks it up at its next tick), running, done, failed. */
  state: z.enum(['queued', 'running', 'done', 'failed']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  startedAt: z.optional(z.string()),
  finishedAt: z.optional(z.string()),
  /** Counted votes read so far (updated every few thousand while running). */
  votesRead: z.int(),
  /** The results version it computed (done). */
  version: z.optional(z.int()),
  /** Why a queued job has not started yet (votes still in flight, a void under way), in Chinese; `waitingEn` English. */
  waiting: z.optional(z.string()),
  waitingEn: z.optional(z.string()),
  /** Why it failed, in Chinese; `errorEn` in English. */
  error: z.optional(z.string()),
  errorEn: z.optional(z.string()),
});
export type ResultsJob = z.infer<typeof jobSchema>;

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
  /**
   * Stores a new snapshot and drops the claim, in `scoring` only; 409 when that version exists, the stage moved or the
   * claim was taken over.
   */
  putSnapshot(snapshot: Snapshot, audits: Audit[], claimId: string): Promise<void>;
  /** The newest computation request, undefined before any. */
  job(cid: string): Promise<ResultsJob | undefined>;
  /**
   * Records a computation request in `scoring` (409 WRONG_STAGE otherwise) and returns it; while
   * an earlier request is queued or running, returns that one instead.
   */
  requestJob(cid: string, requestedBy: string, at: string): Promise<ResultsJob>;
  /** Updates the job `jobId` (a newer request is left alone). */
  updateJob(cid: string, jobId: string, changes: Partial<Omit<ResultsJob, 'jobId'>>): Promise<void>;
  /**
   * Records an override while the campaign is in `announcement` (409 WRONG_STAGE otherwise), and
   * only if exactly `seen` overrides were recorded before it: the award-quota check was made on
   * those, so one recorded meanwhile makes it 409 OVERRIDES_CHANGED instead of exceeding a quota.
   */
  putOverride(cid: string, override: Override, audit: Audit, seen: number): Promise<void>;
  /** Every override, oldest first. */
  listOverrides(cid: string): Promise<Override[]>;
}

const MOVED_ON = say(
  '结果只在“计票评分”阶段计算，评选活动已进入下一阶段',
  'Results are computed in scoring; the campaign has moved on',
);

const snapshotSk = (version: number) => `RESULTS#${String(version).padStart(6, '0')}`;
const claimKey = (cid: string) => ({ pk: campaignPk(cid), sk: 'RESULTS-CLAIM' });
const jobKey = (cid: string) => ({ pk: campaignPk(cid), sk: 'RESULTS-JOB' });

export const createResultsRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): ResultsRepository => {
  const auditPut = (audit: Audit) => ({ Put: { TableName: tableName, Item: auditItem(audit) } });
  const getJob = async (cid: string) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: jobKey(cid), ConsistentRead: true }),
    );
    return Item ? jobSchema.parse(Item) : undefined;
  };
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
        if (reasons?.[0] === 'ConditionalCheckFailed') throw new ConflictError('WRONG_STAGE', MOVED_ON);
        if (reasons?.[1] === 'ConditionalCheckFailed')
          throw new ConflictError(
            'RESULTS_CHANGED',
            say(
              `第 ${claim.version} 版结果刚由另一次计算得出，请再次计算以得出下一版`,
              `Results version ${claim.version} was computed meanwhile by another run; compute again for the next`,
            ),
          );
        if (reasons?.[2] === 'ConditionalCheckFailed' || reasons?.includes('TransactionConflict')) {
          throw new ConflictError(
            'RESULTS_BUSY',
            say(
              `评选活动 ${cid} 的结果正由另一次计算进行中，请待其完成后重试`,
              `Another run is computing the results of ${cid} right now; try again once it has finished`,
            ),
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
        if (reasons?.[0] === 'ConditionalCheckFailed') throw new ConflictError('WRONG_STAGE', MOVED_ON);
        if (
          reasons?.[1] === 'ConditionalCheckFailed' ||
          reasons?.[2] === 'ConditionalCheckFailed' ||
          reasons?.includes('TransactionConflict')
        ) {
          throw new ConflictError(
            'RESULTS_CHANGED',
            say(
              `第 ${snapshot.version} 版结果刚由另一次计算得出（本次计算占用超时，已被接替）`,
              `Results version ${snapshot.version} was computed meanwhile by another run (this run's claim ran out and was taken over)`,
            ),
          );
        }
        throw error;
      }
    },

    job: getJob,

    async requestJob(cid, requestedBy, at) {
      const job: ResultsJob = { jobId: randomUUID(), state: 'queued', requestedBy, requestedAt: at, votesRead: 0 };
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              campaignInStageCheck(tableName, cid, 'scoring'),
              {
                Put: {
                  TableName: tableName,
                  Item: { ...jobKey(cid), type: 'results-job', ...job },
                  ConditionExpression: 'attribute_not_exists(pk) OR #state IN (:done, :failed)',
                  ExpressionAttributeNames: { '#state': 'state' },
                  ExpressionAttributeValues: { ':done': 'done', ':failed': 'failed' },
                },
              },
            ],
          }),
        );
        return job;
      } catch (error) {
        const reasons = codes(error);
        if (reasons?.[0] === 'ConditionalCheckFailed')
          throw new ConflictError('WRONG_STAGE', say('结果只在“计票评分”阶段计算', 'Results are computed in scoring'));
        if (reasons?.[1] === 'ConditionalCheckFailed' || reasons?.includes('TransactionConflict')) {
          const current = await getJob(cid);
          if (current) return current;
        }
        throw error;
      }
    },

    async updateJob(cid, jobId, changes) {
      const entries = Object.entries(changes);
      const set = entries.flatMap(([, v], i) => (v === undefined ? [] : [`#k${i} = :v${i}`]));
      const names = Object.fromEntries(entries.map(([k], i) => [`#k${i}`, k]));
      const values = Object.fromEntries(entries.flatMap(([, v], i) => (v === undefined ? [] : [[`:v${i}`, v]])));
      const remove = entries.flatMap(([, v], i) => (v === undefined ? [`#k${i}`] : []));
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: jobKey(cid),
            UpdateExpression: [
              set.length ? `SET ${set.join(', ')}` : '',
              remove.length ? `REMOVE ${remove.join(', ')}` : '',
            ]
              .filter(Boolean)
              .join(' '),
            ConditionExpression: 'jobId = :jobId',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':jobId': jobId, ...values },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
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
          throw new ConflictError(
            'WRONG_STAGE',
            say('只有在“命名表彰公示”阶段才能改判', 'Awards can be overridden only in announcement'),
          );
        if (reasons?.[1] === 'ConditionalCheckFailed')
          throw new ConflictError(
            'OVERRIDES_CHANGED',
            say(
              '刚有另一项改判记录，请刷新结果后重试',
              'Another override was recorded meanwhile; reload the results and try again',
            ),
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
