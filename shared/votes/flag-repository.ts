/**
 * DynamoDB layout of brushing evidence:
 *   signal  `SIGNAL#<cid>#<flagId>` / `<voterId>#<requestId>`: one per counted request and rule
 *           key and window (TTL 30 days); sorted by voter, so distinct voters are counted in order.
 *   flag    `FLAGS#<cid>` / `<flagId>`: the rule, key, window and voters seen.
 */
import { BatchWriteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { getDocumentClient } from '../aws/clients';
import { queryItems } from '../aws/dynamo';
import { flagIdOf, type Flag, type FlagStore, type Signal } from './flags';

const TTL_SECONDS = 30 * 24 * 60 * 60;
const signalPk = (s: Pick<Signal, 'campaignId' | 'rule' | 'key' | 'windowStart'>) =>
  `SIGNAL#${s.campaignId}#${flagIdOf(s)}`;

export const createFlagRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): FlagStore => {
  const partition = (pk: string, projection?: string, pageSize?: number) =>
    queryItems(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ProjectionExpression: projection,
      Limit: pageSize,
    });

  return {
    async putSignals(signals) {
      const unique = new Map(signals.map((s) => [`${signalPk(s)}|${s.voterId}#${s.requestId}`, s]));
      const items = [...unique.values()].map((s) => ({
        pk: signalPk(s),
        sk: `${s.voterId}#${s.requestId}`,
        type: 'vote-signal',
        ...s,
        expiresAt: Math.floor(Date.parse(s.at) / 1000) + TTL_SECONDS,
      }));
      for (let i = 0; i < items.length; i += 25) {
        let requests: Record<string, unknown>[] | undefined = items
          .slice(i, i + 25)
          .map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; requests && requests.length > 0; attempt++) {
          if (attempt > 8) throw new Error('Signal writes kept being refused');
          if (attempt > 0) await sleep(20 * 2 ** attempt);
          const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests as never } }));
          requests = result.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
        }
      }
    },

    async distinctVoters(signal, atLeast) {
      const voters = new Set<string>();
      // Small pages: a busy key (one address behind thousands of votes) is read only as far as the threshold.
      for await (const item of partition(signalPk(signal), 'voterId', 2 * atLeast)) {
        voters.add(String(item.voterId));
        if (voters.size >= atLeast) break;
      }
      return voters.size;
    },

    async putFlag(flag) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: `FLAGS#${flag.campaignId}`, sk: flag.flagId, type: 'vote-flag', ...flag },
        }),
      );
    },

    async listFlags(campaignId) {
      const flags: Flag[] = [];
      for await (const item of partition(`FLAGS#${campaignId}`)) {
        const { pk: _pk, sk: _sk, type: _type, ...flag } = item;
        flags.push(flag as Flag);
      }
      return flags.sort((a, b) => b.flaggedAt.localeCompare(a.flaggedAt));
    },

    async getFlag(campaignId, flagId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { pk: `FLAGS#${campaignId}`, sk: flagId } }),
      );
      if (!Item) return undefined;
      const { pk: _pk, sk: _sk, type: _type, ...flag } = Item;
      return flag as Flag;
    },

    async signalsOf(flag) {
      const signals: Signal[] = [];
      for await (const item of partition(signalPk(flag))) {
        const { pk: _pk, sk: _sk, type: _type, expiresAt: _e, ...signal } = item;
        signals.push(signal as Signal);
      }
      return signals;
    },
  };
};
