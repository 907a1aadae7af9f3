/**
 * DynamoDB layout of the registry, one partition (`pk = REGISTRY`, a few thousand small items):
 * - a department: `sk = DEPARTMENT#<id>`, `type: 'department'`;
 * - a unit:       `sk = UNIT#<id>`, `type: 'unit'`.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { batchPut, queryAll } from '../aws/dynamo';
import {
  departmentSchema,
  unitSchema,
  type RegistryEntry,
  type RegistryKind,
  type RegistryRepository,
} from './registry';

const PK = 'REGISTRY';
const layout = {
  departments: { prefix: 'DEPARTMENT#', type: 'department', schema: departmentSchema },
  units: { prefix: 'UNIT#', type: 'unit', schema: unitSchema },
} as const;

export const createRegistryRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): RegistryRepository => {
  const item = (kind: RegistryKind, entry: RegistryEntry) => ({
    pk: PK,
    sk: `${layout[kind].prefix}${entry.id}`,
    type: layout[kind].type,
    ...entry,
  });
  // The schemas drop the key attributes (z.object strips what it does not name).
  const parse = (kind: RegistryKind, stored: Record<string, unknown>): RegistryEntry =>
    layout[kind].schema.parse(stored);
  return {
    async list(kind) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': PK, ':prefix': layout[kind].prefix },
        ConsistentRead: true,
      });
      return items.map((stored) => parse(kind, stored));
    },

    async get(kind, id) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: PK, sk: `${layout[kind].prefix}${id}` },
          ConsistentRead: true,
        }),
      );
      return Item ? parse(kind, Item) : undefined;
    },

    async put(kind, entry) {
      const { Attributes } = await client.send(
        new PutCommand({ TableName: tableName, Item: item(kind, entry), ReturnValues: 'ALL_OLD' }),
      );
      return Attributes === undefined;
    },

    async putMany(kind, entries) {
      await batchPut(
        client,
        tableName,
        entries.map((entry) => item(kind, entry)),
      );
    },
  };
};
