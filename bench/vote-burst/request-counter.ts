/**
 * Meters the DynamoDB requests this process sends, with an SDK middleware on the one document
 * client every handler shares: each request asks for `ReturnConsumedCapacity: 'TOTAL'` (indexes
 * included), and the capacity units DynamoDB reports are summed, writes and reads apart, by who
 * caused them: the vote path (the campaign, the candidates, the voter's ballot) or the consumer
 * (lanes, ledger, counters, voter records, brushing signals).
 */
import { getDocumentClient } from '../../shared/aws/clients';

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

export interface Meter {
  requests: Record<string, number>;
  /** Capacity units by `<path>.<write|read>`, path `vote`, `consumer` or `other`. */
  units: Record<string, number>;
  /** Capacity units by `<kind>.<write|read>`, kind the item kind the request names (`kindOf`). */
  kinds: Record<string, number>;
  /** Requests by `<kind>.<write|read>` (a batch write counts once). */
  kindRequests: Record<string, number>;
  /** Lane writes: one per consumer run (and per lane taken over). */
  laneWrites: number;
}

const meter: Meter = { requests: {}, units: {}, kinds: {}, kindRequests: {}, laneWrites: 0 };

/**
 * Who a request is for, by the keys it names: the consumer's items (lanes, ledger, counters, voter
 * records, signals, flags, its side of the backlog), the vote path's (campaign, candidate index, ballots: the scheduled
 * workers' campaign reads land here too, so the vote path's figure is an upper bound), or other
 * (the scheduled workers' other reads).
 */
const pathOf = (input: Record<string, unknown>): 'vote' | 'consumer' | 'other' => {
  const text = JSON.stringify(input);
  if (/"(LANE|VOTES|TALLY|COUNTED|SIGNAL|FLAGS)#|REQ#/.test(text)) return 'consumer';
  // The campaign item's own partition only: audit, notification and report partitions (CAMPAIGN#<cid>#...) are the
  // scheduled workers'.
  return /"(CAMPAIGN#[^"#]*|BALLOT#[^"]*|CANDIDATES#[^"]*)"/.test(text) ? 'vote' : 'other';
};

/** The partition key a request names first (a batch's first item: each batch here writes one kind). */
const firstPk = (input: Record<string, unknown>): string => {
  const item = (input.Item ?? input.Key) as { pk?: string } | undefined;
  if (item?.pk) return item.pk;
  const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
  if (typeof values?.[':pk'] === 'string') return values[':pk'];
  const batch = Object.values((input.RequestItems ?? {}) as Record<string, unknown>)[0] as
    | Array<{ PutRequest?: { Item: { pk: string } }; DeleteRequest?: { Key: { pk: string } } }>
    | { Keys: Array<{ pk: string }> }
    | undefined;
  if (Array.isArray(batch)) return batch[0]?.PutRequest?.Item.pk ?? batch[0]?.DeleteRequest?.Key.pk ?? '';
  return batch?.Keys[0]?.pk ?? '';
};

/** The item kind of a partition key: ballot, voter record, ledger, counter, lane, signal... */
const kindOf = (pk: string): string => {
  if (/^BALLOT#[^#]*#~/.test(pk)) return 'ballot';
  if (pk.startsWith('BALLOT#')) return 'voter-record';
  const prefix = /^([A-Z-]+)#/.exec(pk)?.[1];
  return (
    { VOTES: 'ledger', TALLY: 'counter', COUNTED: 'counted', LANE: 'lane', SIGNAL: 'signal', FLAGS: 'flag' }[
      prefix ?? ''
    ] ??
    prefix?.toLowerCase() ??
    'other'
  );
};

/** Installs the meter once. */
export const installRequestCounter = (): void => {
  getDocumentClient().middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      meter.requests[name] = (meter.requests[name] ?? 0) + 1;
      if (String((input.Item as { pk?: string } | undefined)?.pk).startsWith('LANE#')) meter.laneWrites += 1;
      const path = pathOf(input);
      const kind = kindOf(firstPk(input));
      const add = (consumed: unknown) => {
        const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Array<{
          CapacityUnits?: number;
        }>;
        const rw = WRITES.has(name) ? 'write' : 'read';
        meter.kindRequests[`${kind}.${rw}`] = (meter.kindRequests[`${kind}.${rw}`] ?? 0) + 1;
        for (const c of list) {
          meter.units[`${path}.${rw}`] = (meter.units[`${path}.${rw}`] ?? 0) + (c.CapacityUnits ?? 0);
          meter.kinds[`${kind}.${rw}`] = (meter.kinds[`${kind}.${rw}`] ?? 0) + (c.CapacityUnits ?? 0);
        }
      };
      try {
        const result = await next(args);
        add((result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
        return result;
      } catch (error) {
        // A refused conditional write is billed too.
        add((error as { ConsumedCapacity?: unknown }).ConsumedCapacity ?? { CapacityUnits: 1 });
        throw error;
      }
    },
    { step: 'initialize', name: 'benchRequestCounter' },
  );
};

/** The figures so far. */
export const requestCounts = (): Meter => structuredClone(meter);
