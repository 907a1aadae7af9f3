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
  /** Lane writes: one per consumer run (and per lane taken over). */
  laneWrites: number;
}

const meter: Meter = { requests: {}, units: {}, laneWrites: 0 };

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
      try {
        const result = await next(args);
        add(path, name, (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
        return result;
      } catch (error) {
        // A refused conditional write is billed too.
        add(
          path,
          name,
          (error as { $metadata?: unknown; ConsumedCapacity?: unknown }).ConsumedCapacity ?? { CapacityUnits: 1 },
        );
        throw error;
      }
    },
    { step: 'initialize', name: 'benchRequestCounter' },
  );
};

const add = (path: string, command: string, consumed: unknown) => {
  const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Array<{ CapacityUnits?: number }>;
  const key = `${path}.${WRITES.has(command) ? 'write' : 'read'}`;
  for (const c of list) meter.units[key] = (meter.units[key] ?? 0) + (c.CapacityUnits ?? 0);
};

/** The figures so far. */
export const requestCounts = (): Meter => structuredClone(meter);
