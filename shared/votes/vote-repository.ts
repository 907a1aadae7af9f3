/**
 * DynamoDB layout of votes, all outside the campaign partition and spread over many keys:
 *   ballot   `BALLOT#<cid>#~<shard>` / `<voterId>#<day>#<category>` (32 shards by the voter): per candidate
 *            `c_<candidateId>` the receipts counted (a list), `n` the distinct candidates. Written by the vote
 *            path: every vote is decided by a conditional write here (ballots.ts). Bounded by the daily
 *            limits. The close reads a campaign's shards: their receipts are the door's side of the backlog.
 *            `ended` (epoch ms): when the voter last ended their sessions that day (DELETE /voter/session writes
 *            it, creating the item without votes if need be); each vote write checks it (docs/counting.md).
 *   request  `BALLOT#<cid>#<voterId>` / `REQ#<day>#<acceptedAt>#<requestId>`: a request with no vote counted
 *            the consumer has recorded (TTL 2 days), for the voter's own list (GET votes/mine: the other requests
 *            are named by the ballots' receipts).
 *   counter  `TALLY#<cid>#<candidateId>` / `DAY#<day>`: `n` votes, `l<k>` the last use of lane k
 *            applied (counter-lanes.ts): at most one small number per lane, whatever the traffic.
 *   ledger   `VOTES#<cid>#<shard>` / `REQ#<requestId>` (16 shards by the request id): one item per
 *            request with each receipt's candidate, category and status, and `tag`, the lane use that
 *            counted it (a void's mark is on the receipt it voided). No index: a receipt is found by
 *            its campaign and request id (one GetItem per campaign that has votes); the recount reads
 *            the 16 shards.
 *   index    `CANDIDATES#<cid>` / `index`: current candidates and their category (candidate-index.ts).
 *   lane     `LANE#votes` / `<k>` (k < 64): the lane's sequence number, holder, lease and plan.
 *   counted  `COUNTED#<cid>` / `votes`: `n` the counted votes the consumer added to the counters, with lane
 *            marks like a counter: the consumer's side of the backlog (backlog.ts).
 */
import { LEDGER_SHARDS, ledgerKey, ledgerPk, ledgerShardOf } from './ledger-key';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { getDocumentClient } from '../aws/clients';
import { batchPut, queryAll, queryItems } from '../aws/dynamo';
import type { Category } from '../campaigns/schema';
import type { BallotState, BallotStore } from './ballots';
import type { CandidateIndexStore } from './candidate-index';
import { BACKLOG_COUNTER } from './backlog';
import {
  BALLOT_SHARDS,
  ballotPartitionOf,
  ballotShardPk,
  ballotState,
  conditional,
  createBallotRepository,
  voterPk,
} from './ballot-repository';
import type { LaneState, LaneStore, LedgerReceipt, LedgerRequest } from './counter-lanes';
import type { TallyStore } from './tally-votes';
import type { VoteMessage } from './vote-message';

export type { LedgerReceipt, LedgerRequest };

const counterPk = (campaignId: string, candidateId: string) => `TALLY#${campaignId}#${candidateId}`;
const countedKey = (campaignId: string) => ({ pk: `COUNTED#${campaignId}`, sk: 'votes' });
const voterRequestKey = (m: Pick<VoteMessage, 'campaignId' | 'voterId' | 'day' | 'acceptedAt' | 'requestId'>) => ({
  pk: voterPk(m.campaignId, m.voterId),
  sk: `REQ#${m.day}#${m.acceptedAt}#${m.requestId}`,
});
const VOTER_REQUEST_TTL_SECONDS = 2 * 24 * 60 * 60;

const toLedgerItem = (m: VoteMessage, tag: string) => ({
  ...ledgerKey(m),
  type: 'vote-request',
  requestId: m.requestId,
  campaignId: m.campaignId,
  voterId: m.voterId,
  day: m.day,
  acceptedAt: m.acceptedAt,
  tag,
  receipts: m.votes.map((v) => ({
    receiptId: v.receiptId,
    candidateId: v.candidateId,
    category: v.category,
    status: v.status,
  })),
});

/** The voter's own record of a decided request: its id; receipts and statuses are in the ledger. */
const toVoterRequestItem = (m: VoteMessage) => ({
  ...voterRequestKey(m),
  type: 'voter-request',
  requestId: m.requestId,
  expiresAt: Math.floor(Date.parse(m.acceptedAt) / 1000) + VOTER_REQUEST_TTL_SECONDS,
});

const toLedgerRequest = (item: Record<string, unknown>): LedgerRequest => ({
  requestId: String(item.requestId),
  campaignId: String(item.campaignId),
  voterId: String(item.voterId),
  day: String(item.day),
  acceptedAt: String(item.acceptedAt),
  receipts: item.receipts as LedgerReceipt[],
  ...(item.tag ? { tag: String(item.tag) } : {}),
});

const toLane = (item: Record<string, unknown>): LaneState => ({
  lane: Number(item.sk),
  seq: Number(item.seq),
  owner: String(item.owner),
  until: Number(item.until),
  plan: (item.plan as Array<[string, string]>).map(([campaignId, requestId]) => ({ campaignId, requestId })),
});

export interface VoteRepository extends BallotStore, LaneStore, TallyStore, CandidateIndexStore {
  /** The request a receipt belongs to, once counted; undefined while queued. */
  ledgerRequest(campaignId: string, requestId: string): Promise<LedgerRequest | undefined>;
  /**
   * Every request of a campaign (or those whose request id starts with `requestIdPrefix`), in request id order:
   * shard by shard, and the shards are the request ids' first hex digit.
   */
  ledgerRequests(campaignId: string, requestIdPrefix?: string): AsyncIterable<LedgerRequest>;
  /** The ids of the requests recordVoterRequests recorded for the voter on one Shanghai day. */
  voterRequests(campaignId: string, voterId: string, day: string): Promise<string[]>;
  /** The voter's ballots of one day, by category. */
  ballots(campaignId: string, voterId: string, day: string): Promise<Map<Category, BallotState>>;
  /** Counted votes per candidate per day, for the given candidates. */
  counters(
    campaignId: string,
    candidateIds: string[],
  ): Promise<Array<{ candidateId: string; day: string; votes: number }>>;
  /** Counted votes the door accepted and the consumer has not counted yet (backlog.ts); strongly consistent. */
  uncounted(campaignId: string): Promise<number>;
  /** Marks a counted receipt voided by `voidId` under the lane mark `tag`; false when it is no longer counted. */
  voidReceipt(request: LedgerRequest, receiptId: string, voidId: string, tag: string): Promise<boolean>;
}

/** Reads items by key 100 at a time (strongly consistent), retrying unprocessed keys. */
const getAll = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: Record<string, unknown>[],
  projection?: string,
) => {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let batch: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    for (let attempt = 0; batch && batch.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept refusing reads');
      if (attempt > 0) await sleep(20 * 2 ** attempt);
      const result: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: batch, ConsistentRead: true, ProjectionExpression: projection } },
        }),
      );
      items.push(...(result.Responses?.[tableName] ?? []));
      batch = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return items;
};

export const createVoteRepository = ({
  tableName,
  client = getDocumentClient(),
  laneGroup = 'votes',
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
  /** Which set of counter lanes (one in production; a test on its own clock takes its own). */
  laneGroup?: string;
}): VoteRepository => {
  const LANE_PK = `LANE#${laneGroup}`;
  return {
    ...createBallotRepository({ tableName, client }),
    async lanes() {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': LANE_PK },
        ConsistentRead: true,
      });
      return items.map(toLane);
    },

    async lane(lane) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { pk: LANE_PK, sk: String(lane) }, ConsistentRead: true }),
      );
      return Item ? toLane(Item) : undefined;
    },

    async moveLane(lane, from, to) {
      const result = await conditional(
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              pk: LANE_PK,
              sk: String(lane),
              type: 'counter-lane',
              seq: to.seq,
              owner: to.owner,
              until: to.until,
              plan: to.plan.map((k) => [k.campaignId, k.requestId]),
            },
            ...(from
              ? {
                  ConditionExpression: 'seq = :seq AND #owner = :owner AND #until = :until',
                  ExpressionAttributeNames: { '#owner': 'owner', '#until': 'until' },
                  ExpressionAttributeValues: { ':seq': from.seq, ':owner': from.owner, ':until': from.until },
                }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          }),
        ),
      );
      return result.ok;
    },

    async addToCounter({ campaignId, candidateId, day }, lane, seq, delta) {
      await conditional(
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key:
              candidateId === BACKLOG_COUNTER
                ? countedKey(campaignId)
                : { pk: counterPk(campaignId, candidateId), sk: `DAY#${day}` },
            UpdateExpression:
              'ADD n :delta SET #l = :seq, campaignId = :cid, candidateId = :cand, #day = :day, #type = :type',
            ConditionExpression: 'attribute_not_exists(#l) OR #l < :seq',
            ExpressionAttributeNames: { '#l': `l${lane}`, '#day': 'day', '#type': 'type' },
            ExpressionAttributeValues: {
              ':delta': delta,
              ':seq': seq,
              ':cid': campaignId,
              ':cand': candidateId,
              ':day': day,
              ':type': 'vote-counter',
            },
          }),
        ),
      );
    },

    async ledgerItems(keys) {
      return (await getAll(client, tableName, keys.map(ledgerKey))).map(toLedgerRequest);
    },

    async claim(message, tag) {
      const result = await conditional(
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: toLedgerItem(message, tag),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
      return result.ok ? result : { ok: false, tag: result.item?.tag as string | undefined };
    },

    async recordVoterRequests(messages) {
      // A request delivered twice in one batch is written once: BatchWriteItem refuses duplicate keys.
      const unique = new Map(messages.map((m) => [m.requestId, m]));
      await batchPut(client, tableName, [...unique.values()].map(toVoterRequestItem));
    },

    async ledgerRequest(campaignId, requestId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: ledgerKey({ campaignId, requestId }), ConsistentRead: true }),
      );
      return Item ? toLedgerRequest(Item) : undefined;
    },

    async *ledgerRequests(campaignId, requestIdPrefix = '') {
      const shards = requestIdPrefix
        ? [ledgerShardOf(requestIdPrefix)]
        : Array.from({ length: LEDGER_SHARDS }, (_, shard) => shard);
      for (const shard of shards) {
        const items = queryItems(client, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': ledgerPk(campaignId, shard), ':prefix': `REQ#${requestIdPrefix}` },
        });
        for await (const item of items) yield toLedgerRequest(item);
      }
    },

    async voterRequests(campaignId, voterId, day) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': voterPk(campaignId, voterId), ':prefix': `REQ#${day}#` },
        ProjectionExpression: 'requestId',
      });
      return items.map((item) => String(item.requestId));
    },

    async ballots(campaignId, voterId, day) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :day)',
          ExpressionAttributeValues: {
            ':pk': ballotPartitionOf(campaignId, voterId),
            ':day': `${voterId}#${day}#`,
          },
          ConsistentRead: true,
        }),
      );
      return new Map(Items.map((item) => [String(item.sk).split('#')[2] as Category, ballotState(item)!]));
    },

    async counters(campaignId, candidateIds) {
      const rows = await Promise.all(
        candidateIds.map(async (candidateId) => {
          const items = await queryAll(client, {
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': counterPk(campaignId, candidateId) },
            ProjectionExpression: '#day, n',
            ExpressionAttributeNames: { '#day': 'day' },
          });
          return items.map((item) => ({ candidateId, day: String(item.day), votes: Number(item.n ?? 0) }));
        }),
      );
      return rows.flat();
    },

    async uncounted(campaignId) {
      // The consumer's side first: a vote it counts while the ballots are read only makes the backlog read higher.
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: countedKey(campaignId), ConsistentRead: true }),
      );
      const counted = Number(Item?.n ?? 0);
      const shards = await Promise.all(
        Array.from({ length: BALLOT_SHARDS }, async (_, shard) => {
          let receipts = 0;
          const items = queryItems(client, {
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': ballotShardPk(campaignId, shard) },
            ConsistentRead: true,
          });
          for await (const item of items)
            for (const list of ballotState(item)!.receipts.values()) receipts += list.length;
          return receipts;
        }),
      );
      // Counted ahead of the ballots (a SendMessage that failed although SQS had stored the message) holds up nothing.
      return Math.max(0, shards.reduce((sum, n) => sum + n, 0) - counted);
    },

    async voidReceipt(request, receiptId, voidId, tag) {
      const i = request.receipts.findIndex((r) => r.receiptId === receiptId);
      if (i < 0) return false;
      const result = await conditional(
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: ledgerKey(request),
            UpdateExpression: `SET receipts[${i}].#status = :voided, receipts[${i}].voidId = :void, receipts[${i}].voidTag = :tag`,
            ConditionExpression: `receipts[${i}].receiptId = :receipt AND receipts[${i}].#status = :counted`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':voided': 'voided',
              ':void': voidId,
              ':tag': tag,
              ':receipt': receiptId,
              ':counted': 'counted',
            },
          }),
        ),
      );
      return result.ok;
    },
  };
};
