/**
 * DynamoDB layout of uploads, in their owner's own partition `pk = NOMINATION#<nid>#UPLOADS` or
 * `REPORT#<rid>#UPLOADS` (outside the campaign partition, so stage preconditions never count them):
 * - one record per upload: `sk = UPLOAD#<uploadId>`, `type: 'upload'`, status pending → verified | rejected;
 * - one counter item: `sk = COUNTS`, `issued` (upload slots handed out) and `verified_<kind>`.
 * A verification moves the record out of `pending` and raises its kind's counter while it is below
 * the kind's maximum, in one transaction: concurrent uploads cannot exceed the maximum, and the
 * same event twice finds the record no longer pending.
 */
import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { cancellationCodes, queryAll, withConflictRetry } from '../aws/dynamo';
import { type Bilingual, ConflictError, say } from '../errors';
import { campaignInStageCheck } from '../campaigns/campaign-repository';
import type { NominationStatus } from '../nominations/nomination';
import { nominationInStatusCheck } from '../nominations/nomination-repository';
import { reportExistsCheck } from '../activity-reports/report-repository';
import {
  UPLOAD_KINDS,
  ownerOf,
  uploadKindRules,
  uploadSchema,
  type Upload,
  type UploadKind,
  type UploadOwner,
} from './upload';

export type VerifyOutcome = 'verified' | 'over-limit' | 'not-pending' | 'closed';

export interface CheckedFacts {
  size: number;
  width?: number;
  height?: number;
  checkedAt: string;
}

export interface UploadRepository {
  /**
   * Records a pending upload and takes one of its owner's `maxIssued` slots; 409
   * UPLOAD_LIMIT when the kind already has `maxCount` verified, 409 TOO_MANY_UPLOADS when the slots are used.
   */
  createPending(upload: Upload, limits: { maxCount: number; maxIssued: number }): Promise<void>;
  get(owner: UploadOwner, uploadId: string): Promise<Upload | undefined>;
  /** The owner's uploads, oldest first. */
  list(owner: UploadOwner): Promise<Upload[]>;
  /**
   * pending → verified, counted within `maxCount` of its kind, atomically, and only while the
   * nomination is in one of `openStatuses` (a report's: while the report exists) and the campaign in `nomination`
   * ('closed' otherwise).
   */
  markVerified(
    upload: Upload,
    facts: CheckedFacts,
    maxCount: number,
    openStatuses: readonly NominationStatus[],
  ): Promise<VerifyOutcome>;
  /** pending → rejected with the reason; false when it was no longer pending. */
  /** Records why, in Chinese (`reason`) and English (`reasonEn`). */
  markRejected(
    upload: Upload,
    reason: Bilingual,
    facts: Partial<CheckedFacts> & { checkedAt: string },
  ): Promise<boolean>;
  /**
   * Removes the upload as read (409 UPLOAD_CHANGED if its status moved meanwhile), releasing its count if it was
   * verified.
   */
  remove(upload: Upload): Promise<void>;
  /** Verified uploads per kind. */
  verifiedCounts(owner: UploadOwner): Promise<Record<UploadKind, number>>;
}

const pk = (owner: UploadOwner) =>
  'reportId' in owner ? `REPORT#${owner.reportId}#UPLOADS` : `NOMINATION#${owner.nominationId}#UPLOADS`;
const uploadSk = (uploadId: string) => `UPLOAD#${uploadId}`;
const COUNTS_SK = 'COUNTS';
const counter = (kind: UploadKind) => `verified_${kind}`;

/** SET expressions for the facts a check found (size, dimensions, when). */
const factsUpdate = (facts: Partial<CheckedFacts>) => {
  const entries = Object.entries(facts).filter(([, v]) => v !== undefined);
  return {
    set: entries.map(([k]) => `#${k} = :${k}`),
    names: Object.fromEntries(entries.map(([k]) => [`#${k}`, k])),
    values: Object.fromEntries(entries.map(([k, v]) => [`:${k}`, v])),
  };
};

export const createUploadRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): UploadRepository => {
  const transact = (items: NonNullable<TransactWriteCommandInput['TransactItems']>) =>
    withConflictRetry(() => client.send(new TransactWriteCommand({ TransactItems: items })));

  const readCounts = async (owner: UploadOwner) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: { pk: pk(owner), sk: COUNTS_SK }, ConsistentRead: true }),
    );
    return Item ?? {};
  };

  return {
    async createPending(upload, { maxCount, maxIssued }) {
      try {
        await transact([
          {
            Put: {
              TableName: tableName,
              Item: { pk: pk(ownerOf(upload)), sk: uploadSk(upload.uploadId), type: 'upload', ...upload },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: { pk: pk(ownerOf(upload)), sk: COUNTS_SK },
              UpdateExpression: 'SET issued = if_not_exists(issued, :zero) + :one, #type = :type',
              ConditionExpression:
                '(attribute_not_exists(issued) OR issued < :maxIssued) AND (attribute_not_exists(#verified) OR #verified < :maxCount)',
              ExpressionAttributeNames: { '#type': 'type', '#verified': counter(upload.kind) },
              ExpressionAttributeValues: {
                ':zero': 0,
                ':one': 1,
                ':type': 'upload-counts',
                ':maxIssued': maxIssued,
                ':maxCount': maxCount,
              },
            },
          },
        ]);
      } catch (error) {
        if (cancellationCodes(error)?.[1] !== 'ConditionalCheckFailed') throw error;
        const counts = await readCounts(ownerOf(upload));
        if (Number(counts[counter(upload.kind)] ?? 0) >= maxCount) {
          throw new ConflictError(
            'UPLOAD_LIMIT',
            say(
              `${'reportId' in ownerOf(upload) ? '此活动报告' : '此申报'}已有 ${maxCount} 个经核验的${uploadKindRules[upload.kind].label}，已达上限`,
              `The ${'reportId' in ownerOf(upload) ? 'report' : 'nomination'} already holds ${maxCount} verified ${upload.kind} upload(s), the most it may have`,
            ),
            {
              kind: upload.kind,
              maxCount,
            },
          );
        }
        throw new ConflictError(
          'TOO_MANY_UPLOADS',
          say(
            `此申报已领取 ${maxIssued} 个上传名额，已达上限`,
            `The nomination has been issued ${maxIssued} upload slots, the most it may have`,
          ),
          { maxIssued },
        );
      }
    },

    async get(owner, uploadId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: pk(owner), sk: uploadSk(uploadId) },
          ConsistentRead: true,
        }),
      );
      return Item ? uploadSchema.parse(Item) : undefined;
    },

    async list(owner) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk(owner), ':prefix': 'UPLOAD#' },
        ConsistentRead: true,
      });
      return items
        .map((item) => uploadSchema.parse(item))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.uploadId.localeCompare(b.uploadId));
    },

    async markVerified(upload, facts, maxCount, openStatuses) {
      const { set, names, values } = factsUpdate(facts);
      const owner = ownerOf(upload);
      try {
        await transact([
          {
            Update: {
              TableName: tableName,
              Key: { pk: pk(ownerOf(upload)), sk: uploadSk(upload.uploadId) },
              UpdateExpression: `SET #status = :verified, ${set.join(', ')}`,
              ConditionExpression: '#status = :pending',
              ExpressionAttributeNames: { '#status': 'status', ...names },
              ExpressionAttributeValues: { ':verified': 'verified', ':pending': 'pending', ...values },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: { pk: pk(ownerOf(upload)), sk: COUNTS_SK },
              UpdateExpression: 'SET #verified = if_not_exists(#verified, :zero) + :one',
              ConditionExpression: 'attribute_not_exists(#verified) OR #verified < :maxCount',
              ExpressionAttributeNames: { '#verified': counter(upload.kind) },
              ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':maxCount': maxCount },
            },
          },
          'reportId' in owner
            ? reportExistsCheck(tableName, { id: owner.reportId, campaignId: upload.campaignId })
            : nominationInStatusCheck(
                tableName,
                { id: owner.nominationId, campaignId: upload.campaignId },
                openStatuses,
              ),
          campaignInStageCheck(tableName, upload.campaignId, 'nomination'),
        ]);
        return 'verified';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[0] === 'ConditionalCheckFailed') return 'not-pending';
        if (codes?.[1] === 'ConditionalCheckFailed') return 'over-limit';
        if (codes?.[2] === 'ConditionalCheckFailed' || codes?.[3] === 'ConditionalCheckFailed') return 'closed';
        throw error; // still conflicting after the retries: the event is retried
      }
    },

    async markRejected(upload, reason, facts) {
      const { set, names, values } = factsUpdate(facts);
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: pk(ownerOf(upload)), sk: uploadSk(upload.uploadId) },
            UpdateExpression: `SET #status = :rejected, reason = :reason, reasonEn = :reasonEn, ${set.join(', ')}`,
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status', ...names },
            ExpressionAttributeValues: {
              ':rejected': 'rejected',
              ':pending': 'pending',
              ':reason': reason.zh,
              ':reasonEn': reason.en,
              ...values,
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async remove(upload) {
      try {
        await transact([
          {
            Delete: {
              TableName: tableName,
              Key: { pk: pk(ownerOf(upload)), sk: uploadSk(upload.uploadId) },
              ConditionExpression: '#status = :status',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':status': upload.status },
            },
          },
          ...(upload.status === 'verified'
            ? [
                {
                  Update: {
                    TableName: tableName,
                    Key: { pk: pk(ownerOf(upload)), sk: COUNTS_SK },
                    UpdateExpression: 'SET #verified = #verified - :one',
                    ConditionExpression: '#verified > :zero',
                    ExpressionAttributeNames: { '#verified': counter(upload.kind) },
                    ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
                  },
                },
              ]
            : []),
        ]);
      } catch (error) {
        if (!cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw error;
        throw new ConflictError(
          'UPLOAD_CHANGED',
          say(
            '此文件刚被核验或删除，请刷新列表后重试',
            'The upload was checked or removed meanwhile; reload the list and try again',
          ),
          { uploadId: upload.uploadId },
        );
      }
    },

    async verifiedCounts(owner) {
      const counts = await readCounts(owner);
      return Object.fromEntries(UPLOAD_KINDS.map((kind) => [kind, Number(counts[counter(kind)] ?? 0)])) as Record<
        UploadKind,
        number
      >;
    },
  };
};
