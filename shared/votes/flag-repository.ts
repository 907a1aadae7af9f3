/**
 * DynamoDB layout of brushing evidence:
 *   signal  `SIGNAL#<cid>#<flagId>` / `<at>#<hash>`: the counted requests of one consumer batch under
 *           one rule key and window, in one item (TTL 30 days): a burst from one address is a few
 *           items, not one per request. Each request as voter, request id, counted receipt indexes,
 *           accepted at and, in a /24's item, its IP: an IP's signals are kept in its /24's items (the
 *           two rules share their window), so a request writes one item for both.
 *   flag    `FLAGS#<cid>` / `<flagId>`: the rule, key, window and voters seen.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../aws/clients';
import { batchPut, queryItems } from '../aws/dynamo';
import { createHash } from 'node:crypto';
import { flagIdOf, subnetOf, type Flag, type FlagStore, type Signal } from './flags';
import { parseReceiptId, receiptIdOf } from './vote-message';

const TTL_SECONDS = 30 * 24 * 60 * 60;
/** One request under a signal key: voter, request id, counted receipt indexes ("0,2"), accepted at, IP (a /24's). */
type StoredRequest = [voterId: string, requestId: string, indexes: string, at: string, ip?: string];
type SignalKey = Pick<Signal, 'campaignId' | 'rule' | 'key' | 'windowStart'>;
/** The partition a signal is kept in: an IP's is its /24's (same window, FLAG_RULES). */
const signalPk = (s: SignalKey) => {
  const kept = s.rule === 'ip-cluster' ? { ...s, rule: 'subnet-cluster' as const, key: subnetOf(s.key) } : s;
  return `SIGNAL#${kept.campaignId}#${flagIdOf(kept)}`;
};
/** Whether a stored request belongs to this key's evidence: in a /24's item, an IP's are those with that IP. */
const belongsTo = (s: SignalKey, [, , , , ip]: StoredRequest) => s.rule !== 'ip-cluster' || ip === s.key;

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
      // Per partition, each request once: its IP (from its ip-cluster signal) goes with it.
      const groups = new Map<string, Map<string, { signal: Signal; ip?: string }>>();
      for (const signal of signals) {
        const pk = signalPk(signal);
        const group = groups.get(pk) ?? new Map<string, { signal: Signal; ip?: string }>();
        const entry = group.get(signal.requestId) ?? { signal };
        if (signal.rule === 'ip-cluster') entry.ip = signal.key;
        group.set(signal.requestId, entry);
        groups.set(pk, group);
      }
      const items = [...groups].map(([pk, group]) => {
        const unique = [...group.values()].sort(
          (a, b) => a.signal.at.localeCompare(b.signal.at) || a.signal.requestId.localeCompare(b.signal.requestId),
        );
        const first = unique[0]!.signal;
        const ids = unique.map((e) => e.signal.requestId).sort();
        return {
          pk,
          sk: `${first.at}#${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}`,
          type: 'vote-signals',
          requests: unique.map(({ signal: s, ip }): StoredRequest => {
            const indexes = s.receiptIds.map((r) => parseReceiptId(r)!.index).join(',');
            return ip === undefined
              ? [s.voterId, s.requestId, indexes, s.at]
              : [s.voterId, s.requestId, indexes, s.at, ip];
          }),
          expiresAt: Math.floor(Date.parse(first.at) / 1000) + TTL_SECONDS,
        };
      });
      await batchPut(client, tableName, items);
    },

    async distinctVoters(signal, atLeast) {
      const voters = new Set<string>();
      // One item a page (a batch's requests under the key): a busy key is read only as far as the threshold.
      for await (const item of partition(signalPk(signal), 'requests', 1)) {
        for (const request of item.requests as StoredRequest[]) if (belongsTo(signal, request)) voters.add(request[0]);
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
      const { campaignId, rule, key, windowStart } = flag;
      for await (const item of partition(signalPk(flag)))
        for (const request of item.requests as StoredRequest[]) {
          if (!belongsTo(flag, request)) continue;
          const [voterId, requestId, indexes, at] = request;
          signals.push({
            campaignId,
            rule,
            key,
            windowStart,
            voterId,
            requestId,
            receiptIds: indexes ? indexes.split(',').map((i) => receiptIdOf(requestId, Number(i))) : [],
            at,
          });
        }
      return signals;
    },
  };
};
