/**
 * DynamoDB layout of the public void ledger: `VOIDS#<cid>` / `<voidId>`, one item per void. Its
 * start and its end each record a change of the campaign's vote ledger in the same transaction
 * (`ledgerChange`: results computed before are no longer current; a void starts only in voting or scoring).
 */
import {
  GetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { cancellationCodes, queryAll, withConflictRetry } from '../aws/dynamo';
import { ledgerChange } from '../campaigns/campaign-repository';
import { ConflictError, say } from '../errors';
import type { VoidEntry, VoidStore } from './voids';

const key = (campaignId: string, voidId: string) => ({ pk: `VOIDS#${campaignId}`, sk: voidId });
const strip = ({ pk: _pk, sk: _sk, type: _type, ...entry }: Record<string, unknown>) => entry as unknown as VoidEntry;

export const createVoidRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): VoidStore => {
  const get = async (campaignId: string, voidId: string) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: key(campaignId, voidId), ConsistentRead: true }),
    );
    return Item ? strip(Item) : undefined;
  };
  /**
   * Runs a void's transaction, retried while another one (a void, a stage move) holds the campaign
   * item; still losing after the retries is 409 BUSY (the same void may be sent again), never a 500.
   */
  const transact = (items: NonNullable<TransactWriteCommandInput['TransactItems']>) =>
    withConflictRetry(() => client.send(new TransactWriteCommand({ TransactItems: items }))).catch((error: unknown) => {
      const codes = cancellationCodes(error);
      if (codes?.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed'))
        throw new ConflictError(
          'BUSY',
          say('另一项更改正在进行，请重试', 'Another change to the campaign was in progress; try again'),
        );
      throw error;
    });
  return {
    get,
    async begin(entry) {
      try {
        await transact([
          {
            Put: {
              TableName: tableName,
              Item: { ...key(entry.campaignId, entry.voidId), type: 'vote-void', ...entry },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ledgerChange(tableName, entry.campaignId, 1),
        ]);
        return entry;
      } catch (error) {
        const reasons = cancellationCodes(error);
        if (reasons?.[0] === 'ConditionalCheckFailed') return (await get(entry.campaignId, entry.voidId))!;
        if (reasons?.[1] === 'ConditionalCheckFailed')
          throw new ConflictError(
            'WRONG_STAGE',
            say(
              '选票只能在“评选投票”或“计票评分”阶段、结果公布前作废',
              'Votes can be voided only in voting or scoring, before the results are announced',
            ),
          );
        throw error;
      }
    },
    async complete(entry) {
      // Conditional on `pending`, so a void finished twice (two retries at once) counts once.
      await transact([
        {
          Put: {
            TableName: tableName,
            Item: { ...key(entry.campaignId, entry.voidId), type: 'vote-void', ...entry },
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pending': 'pending' },
          },
        },
        ledgerChange(tableName, entry.campaignId, -1),
      ]).catch((error: unknown) => {
        if (cancellationCodes(error)?.[0] !== 'ConditionalCheckFailed') throw error;
      });
    },
    async list(campaignId) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `VOIDS#${campaignId}` },
      });
      return items.map(strip).sort((a, b) => b.at.localeCompare(a.at));
    },
  };
};
