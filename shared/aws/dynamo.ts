/** Small DynamoDB helpers every repository shares: paged queries, reading a cancelled transaction, retrying one that lost a conflict. */
import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';

/** An item as the document client returns it (attribute values already native). */
export type Item = NonNullable<QueryCommandOutput['Items']>[number];

/** Every item a query matches, page after page, yielded as they arrive. */
export async function* queryItems(
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): AsyncGenerator<Item> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Every item a query matches, all pages, in one array (for the small lists of a campaign). */
export const queryAll = async (
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Item[]> => {
  const items: Item[] = [];
  for await (const item of queryItems(client, input)) items.push(item);
  return items;
};

/** The reason code of each item of a cancelled transaction, in item order; undefined for any other error. */
export const cancellationCodes = (error: unknown): string[] | undefined =>
  error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None')
    : undefined;

const CONFLICT_RETRIES = 8;

/**
 * Runs a transaction, retrying with jittered backoff while it is cancelled only because a
 * concurrent transaction held one of its items (TransactionConflict); a failed condition, or the
 * eighth conflict, is thrown for the caller to read.
 */
export const withConflictRetry = async (send: () => Promise<unknown>): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (
        !codes?.includes('TransactionConflict') ||
        codes.includes('ConditionalCheckFailed') ||
        attempt >= CONFLICT_RETRIES
      )
        throw error;
      await sleep(10 * 2 ** attempt * Math.random());
    }
  }
};
