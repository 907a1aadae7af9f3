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
import type { BallotKey, BallotState, BallotStore, WriteResult } from './ballots';
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
  const state: BallotState = { receipts: new Map(), distinct: Number(item.n ?? 0) };
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
  const ballotWrite = async (command: UpdateCommand): Promise<WriteResult> => {
    const result = await conditional(client.send(command));
    return result.ok ? result : { ok: false, state: ballotState(result.item) };
  };

  const ballotKey = (key: BallotKey) => ballotKeyOf(key.campaignId, key.voterId, key.day, key.category);

  return {
    addFirstVotes(key, votes, limits) {
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
        new UpdateCommand({
          TableName: tableName,
          Key: ballotKey(key),
          UpdateExpression: `SET ${sets.join(', ')}, n = if_not_exists(n, :zero) + :k`,
          ConditionExpression: `${conditions.join(' AND ')} AND (attribute_not_exists(n) OR n <= :room)`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    },

    addRepeatVote(key, vote, limits) {
      return ballotWrite(
        new UpdateCommand({
          TableName: tableName,
          Key: ballotKey(key),
          UpdateExpression: 'SET #c = list_append(#c, :r)',
          ConditionExpression: 'size(#c) < :per AND NOT contains(#c, :receipt)',
          ExpressionAttributeNames: { '#c': `c_${vote.candidateId}` },
          ExpressionAttributeValues: {
            ':r': [vote.receiptId],
            ':receipt': vote.receiptId,
            ':per': limits.perCandidatePerDay,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
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
