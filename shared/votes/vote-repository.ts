/**
 * DynamoDB layout of votes, all outside the campaign partition and spread over many keys:
 *   ballot   `BALLOT#<cid>#<voterId>` / `<day>#<category>`: per candidate `c_<candidateId>` the
 *            receipts counted (a list), per receipt `t_<receiptId>` the run that counted it and
 *            `v_<receiptId>` the void that removed it, `n` the distinct candidates. The natural
 *            key of the daily limits: every vote is decided by a conditional write here.
 *   request  `BALLOT#<cid>#<voterId>` / `REQ#<day>#<acceptedAt>#<requestId>`: the receipts of a
 *            request the consumer has decided (TTL 2 days), written by the consumer in the same
 *            BatchWriteItem as its ledger item, so the voter's own list (GET votes/mine) finds it.
 *            The vote path writes nothing: a request still in the queue is not listed.
 *   counter  `TALLY#<cid>#<candidateId>` / `DAY#<day>`: `n` votes, `tokens` the runs (and voids)
 *            applied. One partition per candidate, so no candidate's counter shares a partition's
 *            write capacity with another's.
 *   ledger   `VOTES#<cid>#<shard>` / `REQ#<requestId>` (16 shards), gsi1 `RECEIPTS#<requestId>`:
 *            one item per request with each receipt's candidate, category and status. Receipts are
 *            looked up through gsi1; the recount reads the 16 shards.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { getDocumentClient } from '../aws/clients';
import { queryAll, queryItems } from '../aws/dynamo';
import type { Category } from '../campaigns/schema';
import type { VoterRequest } from './my-votes';
import type { BallotKey, BallotState, RequestOutcome, TallyStore, VoteStatus, WriteResult } from './tally-votes';
import type { VoteMessage } from './vote-message';

export const LEDGER_SHARDS = 16;

const ballotPk = (campaignId: string, voterId: string) => `BALLOT#${campaignId}#${voterId}`;
const ballotSk = (day: string, category: Category) => `${day}#${category}`;
const counterPk = (campaignId: string, candidateId: string) => `TALLY#${campaignId}#${candidateId}`;
const ledgerPk = (campaignId: string, shard: number) => `VOTES#${campaignId}#${shard.toString(16)}`;
const shardOf = (requestId: string) => parseInt(requestId[0]!, 16) % LEDGER_SHARDS;
const ledgerKey = (campaignId: string, requestId: string) => ({
  pk: ledgerPk(campaignId, shardOf(requestId)),
  sk: `REQ#${requestId}`,
});
const voterRequestKey = (m: Pick<VoteMessage, 'campaignId' | 'voterId' | 'day' | 'acceptedAt' | 'requestId'>) => ({
  pk: ballotPk(m.campaignId, m.voterId),
  sk: `REQ#${m.day}#${m.acceptedAt}#${m.requestId}`,
});
const VOTER_REQUEST_TTL_SECONDS = 2 * 24 * 60 * 60;

export interface LedgerReceipt {
  receiptId: string;
  candidateId: string;
  category: Category;
  status: VoteStatus;
  voidId?: string;
}

export interface LedgerRequest {
  requestId: string;
  campaignId: string;
  voterId: string;
  day: string;
  acceptedAt: string;
  receipts: LedgerReceipt[];
}

/** Parses a ballot item (as returned on a refused write) into its state. */
export const ballotState = (item: Record<string, unknown> | undefined): BallotState | undefined => {
  if (!item) return undefined;
  const state: BallotState = {
    receipts: new Map(),
    tokens: new Map(),
    voided: new Map(),
    distinct: Number(item.n ?? 0),
  };
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith('c_')) state.receipts.set(name.slice(2), value as string[]);
    else if (name.startsWith('t_')) state.tokens.set(name.slice(2), String(value));
    else if (name.startsWith('v_')) state.voided.set(name.slice(2), String(value));
  }
  return state;
};

const toLedgerItem = ({ message: m, statuses }: RequestOutcome) => ({
  ...ledgerKey(m.campaignId, m.requestId),
  gsi1pk: `RECEIPTS#${m.requestId}`,
  gsi1sk: 'REQ',
  type: 'vote-request',
  requestId: m.requestId,
  campaignId: m.campaignId,
  voterId: m.voterId,
  day: m.day,
  acceptedAt: m.acceptedAt,
  receipts: m.votes.map((v, i) => ({
    receiptId: v.receiptId,
    candidateId: v.candidateId,
    category: v.category,
    status: statuses[i],
  })),
});

/** The voter's own record of a decided request; statuses stay in the ledger (a void changes them there). */
const toVoterRequestItem = ({ message: m }: RequestOutcome) => ({
  ...voterRequestKey(m),
  type: 'voter-request',
  requestId: m.requestId,
  acceptedAt: m.acceptedAt,
  receipts: m.votes.map((v) => ({ receiptId: v.receiptId, candidateId: v.candidateId, category: v.category })),
  expiresAt: Math.floor(Date.parse(m.acceptedAt) / 1000) + VOTER_REQUEST_TTL_SECONDS,
});

const toLedgerRequest = (item: Record<string, unknown>): LedgerRequest => ({
  requestId: String(item.requestId),
  campaignId: String(item.campaignId),
  voterId: String(item.voterId),
  day: String(item.day),
  acceptedAt: String(item.acceptedAt),
  receipts: item.receipts as LedgerReceipt[],
});

export interface VoteRepository extends TallyStore {
  /** The request a receipt belongs to, once counted; undefined while queued. */
  ledgerRequest(requestId: string): Promise<LedgerRequest | undefined>;
  /** Every request of a campaign, shard by shard. */
  ledgerRequests(campaignId: string): AsyncIterable<LedgerRequest>;
  /** The voter's decided requests of one Shanghai day, oldest first (recordOutcomes writes them). */
  voterRequests(campaignId: string, voterId: string, day: string): Promise<VoterRequest[]>;
  /** Each decided receipt's status by receipt id, for these requests of the campaign (the ledger). */
  decidedStatuses(campaignId: string, requestIds: string[]): Promise<Map<string, VoteStatus>>;
  /** The voter's ballots of one day, by category. */
  ballots(campaignId: string, voterId: string, day: string): Promise<Map<Category, BallotState>>;
  /** Counted votes per candidate per day, for the given candidates. */
  counters(
    campaignId: string,
    candidateIds: string[],
  ): Promise<Array<{ candidateId: string; day: string; votes: number }>>;
  /** Marks a counted receipt voided on its ballot; false when it is not counted there or already voided. */
  markVoided(key: BallotKey, receiptId: string, candidateId: string, voidId: string): Promise<boolean>;
  /** Sets the status of receipts in the ledger. */
  setLedgerStatus(request: LedgerRequest, receiptIds: string[], status: VoteStatus, voidId: string): Promise<void>;
}

export const createVoteRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): VoteRepository => {
  const conditional = async (command: UpdateCommand): Promise<WriteResult> => {
    try {
      await client.send(command);
      return { ok: true };
    } catch (error) {
      // The document client does not translate errors: the item comes back in the wire format.
      if (error instanceof ConditionalCheckFailedException)
        return { ok: false, state: ballotState(error.Item ? unmarshall(error.Item) : undefined) };
      throw error;
    }
  };

  const ballotKey = (key: BallotKey) => ({
    pk: ballotPk(key.campaignId, key.voterId),
    sk: ballotSk(key.day, key.category),
  });

  return {
    addFirstVotes(key, votes, token, limits) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {
        ':token': token,
        ':zero': 0,
        ':k': votes.length,
        ':room': limits.candidatesPerCategoryPerDay - votes.length,
        ':cid': key.campaignId,
        ':day': key.day,
        ':category': key.category,
        ':type': 'ballot',
      };
      const sets: string[] = [];
      const conditions: string[] = [];
      votes.forEach((vote, i) => {
        names[`#c${i}`] = `c_${vote.candidateId}`;
        names[`#t${i}`] = `t_${vote.receiptId}`;
        values[`:r${i}`] = [vote.receiptId];
        sets.push(`#c${i} = :r${i}`, `#t${i} = :token`);
        conditions.push(`attribute_not_exists(#c${i})`);
      });
      return conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: ballotKey(key),
          UpdateExpression: `SET ${sets.join(', ')}, n = if_not_exists(n, :zero) + :k, campaignId = :cid, #day = :day, category = :category, #type = :type`,
          ConditionExpression: `${conditions.join(' AND ')} AND (attribute_not_exists(n) OR n <= :room)`,
          ExpressionAttributeNames: { ...names, '#day': 'day', '#type': 'type' },
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    },

    addRepeatVote(key, vote, token, limits) {
      return conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: ballotKey(key),
          UpdateExpression: 'SET #c = list_append(#c, :r), #t = :token',
          ConditionExpression: 'size(#c) < :per AND NOT contains(#c, :receipt)',
          ExpressionAttributeNames: { '#c': `c_${vote.candidateId}`, '#t': `t_${vote.receiptId}` },
          ExpressionAttributeValues: {
            ':r': [vote.receiptId],
            ':receipt': vote.receiptId,
            ':token': token,
            ':per': limits.perCandidatePerDay,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    },

    async takeOver(key, receiptId, from, to) {
      const result = await conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: ballotKey(key),
          UpdateExpression: 'SET #t = :to',
          ConditionExpression: '#t = :from',
          ExpressionAttributeNames: { '#t': `t_${receiptId}` },
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      );
      return result.ok;
    },

    async contributionApplied(campaignId, candidateId, day, token) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: counterPk(campaignId, candidateId), sk: `DAY#${day}` },
          ConsistentRead: true,
          ProjectionExpression: 'tokens',
        }),
      );
      return (Item?.tokens as Set<string> | undefined)?.has(token) ?? false;
    },

    async applyContribution(campaignId, candidateId, day, token, delta) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: counterPk(campaignId, candidateId), sk: `DAY#${day}` },
            UpdateExpression:
              'ADD n :delta, tokens :token SET campaignId = :cid, candidateId = :cand, #day = :day, #type = :type',
            ConditionExpression: 'NOT contains(tokens, :t)',
            ExpressionAttributeNames: { '#day': 'day', '#type': 'type' },
            ExpressionAttributeValues: {
              ':delta': delta,
              ':token': new Set([token]),
              ':t': token,
              ':cid': campaignId,
              ':cand': candidateId,
              ':day': day,
              ':type': 'vote-counter',
            },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async recordOutcomes(outcomes) {
      // Per request its ledger item and the voter's record, in the same BatchWriteItem calls (more items,
      // not more calls per vote). A message delivered twice in one batch has one of each: BatchWriteItem
      // refuses duplicate keys.
      const unique = [...new Map(outcomes.map((o) => [o.message.requestId, o])).values()];
      const items = unique.flatMap((o) => [toLedgerItem(o), toVoterRequestItem(o)]);
      for (let i = 0; i < items.length; i += 25) {
        let requests: Record<string, unknown>[] | undefined = items
          .slice(i, i + 25)
          .map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; requests && requests.length > 0; attempt++) {
          if (attempt > 8) throw new Error('The ledger kept refusing writes');
          if (attempt > 0) await sleep(20 * 2 ** attempt);
          const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests as never } }));
          requests = result.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
        }
      }
    },

    async ledgerRequest(requestId) {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `RECEIPTS#${requestId}` },
        }),
      );
      return Items?.[0] ? toLedgerRequest(Items[0]) : undefined;
    },

    async *ledgerRequests(campaignId) {
      for (let shard = 0; shard < LEDGER_SHARDS; shard++) {
        const items = queryItems(client, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': ledgerPk(campaignId, shard) },
        });
        for await (const item of items) yield toLedgerRequest(item);
      }
    },

    async voterRequests(campaignId, voterId, day) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': ballotPk(campaignId, voterId), ':prefix': `REQ#${day}#` },
        ProjectionExpression: 'requestId, acceptedAt, receipts',
      });
      return items.map((item) => ({
        requestId: String(item.requestId),
        acceptedAt: String(item.acceptedAt),
        receipts: item.receipts as VoterRequest['receipts'],
      }));
    },

    async decidedStatuses(campaignId, requestIds) {
      const statuses = new Map<string, VoteStatus>();
      for (let i = 0; i < requestIds.length; i += 100) {
        let keys: Record<string, unknown>[] | undefined = requestIds
          .slice(i, i + 100)
          .map((id) => ledgerKey(campaignId, id));
        for (let attempt = 0; keys && keys.length > 0; attempt++) {
          if (attempt > 8) throw new Error('The ledger kept refusing reads');
          if (attempt > 0) await sleep(20 * 2 ** attempt);
          const result: BatchGetCommandOutput = await client.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ProjectionExpression: 'receipts' } } }),
          );
          for (const item of result.Responses?.[tableName] ?? [])
            for (const r of item.receipts as LedgerReceipt[]) statuses.set(r.receiptId, r.status);
          keys = result.UnprocessedKeys?.[tableName]?.Keys;
        }
      }
      return statuses;
    },

    async ballots(campaignId, voterId, day) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :day)',
          ExpressionAttributeValues: { ':pk': ballotPk(campaignId, voterId), ':day': `${day}#` },
          ConsistentRead: true,
        }),
      );
      return new Map(Items.map((item) => [item.category as Category, ballotState(item)!]));
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

    async markVoided(key, receiptId, candidateId, voidId) {
      const result = await conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: ballotKey(key),
          UpdateExpression: 'SET #v = :void',
          ConditionExpression: 'contains(#c, :receipt) AND attribute_not_exists(#v)',
          ExpressionAttributeNames: { '#v': `v_${receiptId}`, '#c': `c_${candidateId}` },
          ExpressionAttributeValues: { ':void': voidId, ':receipt': receiptId },
        }),
      );
      return result.ok;
    },

    async setLedgerStatus(request, receiptIds, status, voidId) {
      const indexes = request.receipts.flatMap((r, i) => (receiptIds.includes(r.receiptId) ? [i] : []));
      if (indexes.length === 0) return;
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: ledgerKey(request.campaignId, request.requestId),
          UpdateExpression: `SET ${indexes.map((i) => `receipts[${i}].#status = :status, receipts[${i}].voidId = :void`).join(', ')}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':void': voidId },
        }),
      );
    },
  };
};
