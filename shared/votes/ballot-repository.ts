/**
 * The vote path's storage: the voters' ballots, where each vote is decided at the door (one
 * conditional write per request and category), and the small candidate index the vote path reads.
 * Only these partitions: the vote route's role may write nothing else (`ballots:write`). Kept apart
 * from the vote repository so the vote route's bundle carries only what it uses.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { getDocumentClient } from '../aws/clients';
import type { Category } from '../campaigns/schema';
import type { BallotKey, BallotSessionEnds, BallotState, BallotStore, WriteResult } from './ballots';
import type { CandidateIndex, CandidateIndexStore } from './candidate-index';
import { ledgerKey } from './ledger-key';

/** The voter's partition of a campaign: the voter's request records (vote-repository.ts). */
export const voterPk = (campaignId: string, voterId: string) => `BALLOT#${campaignId}#${voterId}`;

/**
 * Ballots live in `BALLOT_SHARDS` partitions per campaign, by voter, so that the close reads a campaign's ballots without
 * a scan (backlog.ts); `~` is not in a voter id, so a shard never meets a voter's partition.
 */
export const BALLOT_SHARDS = 32;
export const ballotShardPk = (campaignId: string, shard: number) => `BALLOT#${campaignId}#~${shard}`;
const ballotShardOf = (voterId: string) => {
  let hash = 0;
  for (let i = 0; i < voterId.length; i++) hash = (hash * 31 + voterId.charCodeAt(i)) >>> 0;
  return hash % BALLOT_SHARDS;
};
/** The partition of a voter's ballots. */
export const ballotPartitionOf = (campaignId: string, voterId: string) =>
  ballotShardPk(campaignId, ballotShardOf(voterId));
const ballotKeyOf = (campaignId: string, voterId: string, day: string, category: Category) => ({
  pk: ballotPartitionOf(campaignId, voterId),
  sk: `${voterId}#${day}#${category}`,
});
const candidateIndexKey = (campaignId: string) => ({ pk: `CANDIDATES#${campaignId}`, sk: 'index' });

/**
 * The partitions the vote route may write (IAM `dynamodb:LeadingKeys`): ballots, the candidate
 * index, and the ledger (only to withdraw a request whose message it could not send), nothing else of the table.
 */
export const BALLOT_WRITE_PARTITIONS = ['BALLOT#*', 'CANDIDATES#*', 'VOTES#*'] as const;

/** A ballot item as the decision reads it: receipts per candidate and the number of candidates. */
export const ballotState = (item: Record<string, unknown> | undefined): BallotState | undefined => {
  if (!item) return undefined;
  const state: BallotState = {
    receipts: new Map(),
    distinct: Number(item.n ?? 0),
    ended: item.ended as number | undefined,
  };
  for (const [name, value] of Object.entries(item))
    if (name.startsWith('c_')) state.receipts.set(name.slice(2), value as string[]);
  return state;
};

/** Sends a conditional write; a refusal returns the item as it stands (or nothing). */
export const conditional = async (sent: Promise<unknown>) => {
  try {
    await sent;
    return { ok: true as const };
  } catch (error) {
    // The document client does not translate errors: the item comes back in the wire format.
    if (error instanceof ConditionalCheckFailedException)
      return { ok: false as const, item: error.Item ? unmarshall(error.Item) : undefined };
    throw error;
  }
};

export const createBallotRepository = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): BallotStore & CandidateIndexStore => {
  /**
   * A conditional vote write, also refused once the voter ended sessions begun at or before `issuedAt` (`ended`, epoch
   * ms; token times are whole seconds, so a session begun in the second of the end ends too).
   */
  const ballotWrite = async (
    key: BallotKey,
    update: { set: string; condition: string; names: Record<string, string>; values: Record<string, unknown> },
    issuedAt: Date,
  ): Promise<WriteResult> => {
    const result = await conditional(
      client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: ballotKey(key),
          UpdateExpression: update.set,
          ConditionExpression: `${update.condition} AND (attribute_not_exists(ended) OR ended < :issuedAt)`,
          ExpressionAttributeNames: update.names,
          ExpressionAttributeValues: { ...update.values, ':issuedAt': issuedAt.getTime() },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    return result.ok ? result : { ok: false, state: ballotState(result.item) };
  };

  const ballotKey = (key: BallotKey) => ballotKeyOf(key.campaignId, key.voterId, key.day, key.category);

  return {
    addFirstVotes(key, votes, limits, issuedAt) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {
        ':zero': 0,
        ':k': votes.length,
        ':room': limits.candidatesPerCategoryPerDay - votes.length,
      };
      const sets: string[] = [];
      const conditions: string[] = [];
      votes.forEach((vote, i) => {
        names[`#c${i}`] = `c_${vote.candidateId}`;
        values[`:r${i}`] = [vote.receiptId];
        sets.push(`#c${i} = :r${i}`);
        conditions.push(`attribute_not_exists(#c${i})`);
      });
      return ballotWrite(
        key,
        {
          set: `SET ${sets.join(', ')}, n = if_not_exists(n, :zero) + :k`,
          condition: `${conditions.join(' AND ')} AND (attribute_not_exists(n) OR n <= :room)`,
          names,
          values,
        },
        issuedAt,
      );
    },

    addRepeatVote(key, vote, limits, issuedAt) {
      return ballotWrite(
        key,
        {
          set: 'SET #c = list_append(#c, :r)',
          condition: 'size(#c) < :per AND NOT contains(#c, :receipt)',
          names: { '#c': `c_${vote.candidateId}` },
          values: { ':r': [vote.receiptId], ':receipt': vote.receiptId, ':per': limits.perCandidatePerDay },
        },
        issuedAt,
      );
    },

    async removeVotes(key, votes) {
      for (const vote of votes) {
        const { Item } = await client.send(
          new GetCommand({ TableName: tableName, Key: ballotKey(key), ConsistentRead: true }),
        );
        const list = (Item?.[`c_${vote.candidateId}`] as string[] | undefined) ?? [];
        const at = list.indexOf(vote.receiptId);
        if (at < 0) continue;
        await conditional(
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: ballotKey(key),
              ...(list.length === 1
                ? {
                    UpdateExpression: 'REMOVE #c SET n = n - :one',
                    ExpressionAttributeValues: { ':one': 1, ':r': vote.receiptId },
                  }
                : { UpdateExpression: `REMOVE #c[${at}]`, ExpressionAttributeValues: { ':r': vote.receiptId } }),
              ConditionExpression: `#c[${at}] = :r`,
              ExpressionAttributeNames: { '#c': `c_${vote.candidateId}` },
            }),
          ),
        );
      }
    },

    async withdrawRequest(request) {
      const result = await conditional(
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...ledgerKey(request),
              type: 'vote-request',
              requestId: request.requestId,
              campaignId: request.campaignId,
              voterId: request.voterId,
              day: request.day,
              acceptedAt: request.acceptedAt,
              receipts: [],
              withdrawn: true,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return result.ok;
    },

    async candidateIndex(campaignId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: candidateIndexKey(campaignId) }));
      return Item
        ? { candidates: Item.candidates as CandidateIndex['candidates'], builtAt: Number(Item.builtAt) }
        : undefined;
    },

    async putCandidateIndex(campaignId, index) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...candidateIndexKey(campaignId), type: 'candidate-index', ...index },
        }),
      );
    },
  };
};

/**
 * Ending a voter's sessions on a ballot (DELETE /voter/session), apart from the vote path's writes so that the Voters
 * bundle carries only this. A ballot the voter has not voted on yet gets an item without votes: every reader of
 * ballots counts only the `c_*` receipts.
 */
export const createBallotSessionEnds = ({
  tableName,
  client = getDocumentClient(),
}: {
  tableName: string;
  client?: DynamoDBDocumentClient;
}): BallotSessionEnds => ({
  async endSessions({ campaignId, voterId, day, category }, at) {
    await conditional(
      client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: ballotKeyOf(campaignId, voterId, day, category),
          UpdateExpression: 'SET ended = :at',
          ConditionExpression: 'attribute_not_exists(ended) OR ended < :at',
          ExpressionAttributeValues: { ':at': at.getTime() },
        }),
      ),
    );
  },
});
