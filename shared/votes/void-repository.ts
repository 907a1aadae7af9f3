/** DynamoDB layout of the public void ledger: `VOIDS#<cid>` / `<voidId>`, one item per void. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { queryAll } from '../aws/dynamo';
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
  return {
    get,
    async begin(entry) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...key(entry.campaignId, entry.voidId), type: 'vote-void', ...entry },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return entry;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return (await get(entry.campaignId, entry.voidId))!;
      }
    },
    async complete(entry) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key(entry.campaignId, entry.voidId), type: 'vote-void', ...entry },
        }),
      );
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
