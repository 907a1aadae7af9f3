/**
 * Restores the table into a new one and proves the copy: the recount from the restored ledger must
 * equal the published tally. On AWS the restore is DynamoDB's point-in-time recovery; DynamoDB
 * Local has none, so the local stand-in copies the table by scan into the new table.
 */
import { type DynamoDBClient, RestoreTableToPointInTimeCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { batchPut } from '../aws/dynamo';
import type { ResultsDocument } from '../results/document';
import type { Tally } from '../scoring/recount';

/**
 * Restores `source` as it was at `at` (else at the latest restorable time) into `target`, and waits until it is ACTIVE.
 */
export const restoreToPointInTime = async (
  client: DynamoDBClient,
  { source, target, at }: { source: string; target: string; at?: Date },
): Promise<void> => {
  await client.send(
    new RestoreTableToPointInTimeCommand({
      SourceTableName: source,
      TargetTableName: target,
      ...(at ? { RestoreDateTime: at } : { UseLatestRestorableTime: true }),
    }),
  );
  // A restore takes minutes to hours with the table's size.
  await waitUntilTableExists({ client, maxWaitTime: 4 * 60 * 60, minDelay: 20, maxDelay: 60 }, { TableName: target });
};

const SEGMENTS = 4;

/**
 * The local stand-in for a restore: every item of `source` into the existing empty table `target`; returns the item
 * count.
 */
export const copyTableByScan = async (
  client: DynamoDBDocumentClient,
  { source, target }: { source: string; target: string },
): Promise<number> => {
  const copySegment = async (segment: number) => {
    let copied = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: source,
          Segment: segment,
          TotalSegments: SEGMENTS,
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      const items = page.Items ?? [];
      await batchPut(client, target, items);
      copied += items.length;
      start = page.LastEvaluatedKey;
    } while (start);
    return copied;
  };
  const counts = await Promise.all(Array.from({ length: SEGMENTS }, (_, segment) => copySegment(segment)));
  return counts.reduce((sum, n) => sum + n, 0);
};

/** Each figure of the published tally that the recount does not reproduce, named; empty when all match. */
export const tallyMismatches = (published: ResultsDocument, recounted: Tally): string[] => {
  const mismatches: string[] = [];
  const differ = (what: string, expected: unknown, actual: unknown) => {
    if (expected !== actual) mismatches.push(`${what}: published ${expected}, recounted ${actual}`);
  };
  differ('total votes', published.tally.total, recounted.total);
  differ('Merkle root', published.tally.root, recounted.root);
  for (const [category, figures] of Object.entries(published.tally.categories)) {
    const recount = recounted.categories[category as keyof Tally['categories']];
    differ(`${category} votes`, figures.votes, recount?.votes);
    differ(`${category} Merkle root`, figures.root, recount?.root);
  }
  const candidates = Object.values(published.categories).flat();
  const named = new Set(candidates.map((c) => c.nominationId));
  for (const candidate of candidates)
    differ(`votes of ${candidate.nominationId}`, candidate.votes, recounted.votes.get(candidate.nominationId) ?? 0);
  for (const [candidateId, votes] of recounted.votes)
    if (!named.has(candidateId)) differ(`votes of ${candidateId} (not in the results)`, 0, votes);
  return mismatches;
};
