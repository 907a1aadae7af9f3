/**
 * Meters the DynamoDB requests this process sends, with an SDK middleware on the one document
 * client every handler shares: each request asks for `ReturnConsumedCapacity: 'TOTAL'` (indexes
 * included), and the capacity units DynamoDB reports are summed, writes and reads apart, by the
 * function that sent them (the vote route, the consumer, the rest) and by the item kind.
 */
import { runningFunction } from '../../infra/local/invoke';
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
  /** Capacity units by `<path>.<kind>.<write|read>`, kind the item kind the request names (`kindOf`). */
  kinds: Record<string, number>;
  /** Requests by `<path>.<kind>.<write|read>` (a batch write counts once). */
  kindRequests: Record<string, number>;
  /** Lane writes: one per consumer run (and per lane taken over). */
  laneWrites: number;
}

const meter: Meter = { requests: {}, units: {}, kinds: {}, kindRequests: {}, laneWrites: 0 };

/**
 * Who asked, by the function whose invocation sends the request (the local runner names it, as
 * CloudWatch would per function): the vote route (and the floor route, in its own phase), the
 * consumer, or other (the scheduled workers, the DLQ keeper, the bench's own reads).
 */
const pathOf = (): 'vote' | 'consumer' | 'other' => {
  const fn = runningFunction();
  if (fn === 'CastVotes' || fn === 'BenchFloor') return 'vote';
  return fn === 'TallyVotes' ? 'consumer' : 'other';
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
      const path = pathOf();
      const kind = kindOf(firstPk(input));
      const add = (consumed: unknown) => {
        const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Array<{
          CapacityUnits?: number;
        }>;
        const rw = WRITES.has(name) ? 'write' : 'read';
        const key = `${path}.${kind}.${rw}`;
        meter.kindRequests[key] = (meter.kindRequests[key] ?? 0) + 1;
        for (const c of list) {
          meter.units[`${path}.${rw}`] = (meter.units[`${path}.${rw}`] ?? 0) + (c.CapacityUnits ?? 0);
          meter.kinds[key] = (meter.kinds[key] ?? 0) + (c.CapacityUnits ?? 0);
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
