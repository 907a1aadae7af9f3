/**
 * Issue 9, item 1: a counter stays the same size, and a write to it the same cost, however many
 * runs and voids reach it. 30,000 lane uses (one in a hundred a void) go into one candidate's day
 * through the repository, against DynamoDB Local, with the capacity DynamoDB reports per write.
 * `npm test` runs 4,096 (64 waves of one use per lane: flat from 1,024 on is already visible, in
 * seconds); the full size is
 *   COUNTER_RUNS=30000 npx vitest run --project integration test/votes/counter-size.int.test.ts
 */
import { GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { LANES } from '../../shared/votes/counter-lanes';
import { createVoteRepository } from '../../shared/votes/vote-repository';

const RUNS = Number(process.env.COUNTER_RUNS ?? 4096);

/** A document client that asks for and keeps the capacity of each write. */
const meteredClient = () => {
  const units: number[] = [];
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity;
      if (context.commandName === 'UpdateItemCommand' && consumed?.CapacityUnits !== undefined)
        units.push(consumed.CapacityUnits);
      return result;
    },
    { step: 'initialize', name: 'meterCapacity' },
  );
  return { client, units };
};

/** An item's size as DynamoDB bills it: names plus values (strings in UTF-8, numbers about a byte per two digits). */
const itemSize = (item: Record<string, unknown>) =>
  Object.entries(item).reduce(
    (n, [name, value]) =>
      n +
      Buffer.byteLength(name) +
      (typeof value === 'number'
        ? Math.ceil(String(Math.abs(value)).length / 2) + 1
        : Buffer.byteLength(String(value))),
    0,
  );

describe('a counter of one candidate and day', () => {
  it(`keeps its size and its write cost flat over ${RUNS} runs and voids`, { timeout: 1_200_000 }, async () => {
    const { client, units: writes } = meteredClient();
    const store = createVoteRepository({ tableName: process.env.TABLE_NAME!, client });
    const counter = { campaignId: `size-${Date.now()}`, candidateId: 'w1', day: '2019-07-28' };
    const read = async () =>
      (
        await client.send(
          new GetCommand({
            TableName: process.env.TABLE_NAME!,
            Key: { pk: `TALLY#${counter.campaignId}#w1`, sk: 'DAY#2019-07-28' },
            ConsistentRead: true,
          }),
        )
      ).Item!;

    const sizes: number[] = [];
    let expected = 0;
    // Waves of one use per lane (a lane's uses are sequential, as in production).
    for (let wave = 0; wave * LANES < RUNS; wave++) {
      await Promise.all(
        Array.from({ length: Math.min(LANES, RUNS - wave * LANES) }, (_, lane) => {
          const delta = (wave * LANES + lane) % 100 === 99 ? -1 : 1;
          expected += delta;
          return store.addToCounter(counter, lane, wave + 1, delta);
        }),
      );
      if (wave === 15 || wave % 100 === 0) sizes.push(itemSize(await read()));
    }
    const item = await read();
    sizes.push(itemSize(item));

    console.log(
      `counter after ${RUNS} runs: largest ${Math.max(...sizes)} bytes, ${sizes.at(-1)} at the end (after 1,024: ${sizes[1]}), ${Math.min(...writes)}-${Math.max(...writes)} WCU per write`,
    );
    expect(Number(item.n)).toBe(expected);
    // Every write cost one unit, the first as the last; from 1,024 uses on the item grows only by the
    // digits its numbers gain (at 30,000: a lane's mark from 16 to 469, and n), not by anything per run.
    expect(new Set(writes)).toEqual(new Set([1]));
    expect(Math.max(...sizes)).toBeLessThan(1024);
    expect(Math.max(...sizes) - sizes[1]!).toBeLessThanOrEqual(LANES + 2);
  });
});
