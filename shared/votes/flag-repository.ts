/**
 * DynamoDB layout of brushing evidence:
 *   signal  `SIGNAL#<cid>#<flagId>` / `<at>#<hash>`: the counted requests of one consumer batch under
 *           one rule key and window, in one item (TTL 30 days): a burst from one address is a few
 *           items, not one per request. Each request as voter, request id and counted receipt indexes.
 *   flag    `FLAGS#<cid>` / `<flagId>`: the rule, key, window and voters seen.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { batchPut, queryItems } from '../aws/dynamo';
import { createHash } from 'node:crypto';
import { flagIdOf, type Flag, type FlagStore, type Signal } from './flags';
import { parseReceiptId, receiptIdOf } from './vote-message';

const TTL_SECONDS = 30 * 24 * 60 * 60;
/** One request under a signal key: voter, request id, counted receipt indexes ("0,2"), accepted at. */
type StoredRequest = [voterId: string, requestId: string, indexes: string, at: string];
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
      const groups = new Map<string, Signal[]>();
      for (const signal of signals) groups.set(signalPk(signal), [...(groups.get(signalPk(signal)) ?? []), signal]);
      const items = [...groups].map(([pk, group]) => {
        const unique = [...new Map(group.map((s) => [s.requestId, s])).values()].sort(
          (a, b) => a.at.localeCompare(b.at) || a.requestId.localeCompare(b.requestId),
        );
        const first = unique[0]!;
        const ids = unique.map((s) => s.requestId).sort();
        return {
          pk,
          sk: `${first.at}#${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}`,
          type: 'vote-signals',
          campaignId: first.campaignId,
          rule: first.rule,
          key: first.key,
          windowStart: first.windowStart,
          requests: unique.map((s) => [
            s.voterId,
            s.requestId,
            s.receiptIds.map((r) => parseReceiptId(r)!.index).join(','),
            s.at,
          ]),
          expiresAt: Math.floor(Date.parse(first.at) / 1000) + TTL_SECONDS,
        };
      });
      await batchPut(client, tableName, items);
    },

    async distinctVoters(signal, atLeast) {
      const voters = new Set<string>();
      // One item a page (a batch's requests under the key): a busy key is read only as far as the threshold.
      for await (const item of partition(signalPk(signal), 'requests', 1)) {
        for (const [voterId] of item.requests as StoredRequest[]) voters.add(voterId);
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
      for await (const item of partition(signalPk(flag)))
        for (const [voterId, requestId, indexes, at] of item.requests as StoredRequest[])
          signals.push({
            campaignId: String(item.campaignId),
            rule: item.rule as Signal['rule'],
            key: String(item.key),
            windowStart: String(item.windowStart),
            voterId,
            requestId,
            receiptIds: indexes ? indexes.split(',').map((i) => receiptIdOf(requestId, Number(i))) : [],
            at,
          });
      return signals;
    },
  };
};
