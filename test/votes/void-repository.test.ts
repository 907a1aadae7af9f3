/**
 * A void's transaction cancelled by a concurrent one (TransactionConflict) is sent again, and
 * conflicts that last are 409 BUSY, never a 500. DynamoDB Local serialises transactions and never
 * cancels one this way, so the client here fails as DynamoDB does; the rest of the void ledger is
 * tested against DynamoDB Local (void-ledger.int.test.ts).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createVoidRepository } from '../../shared/votes/void-repository';
import type { VoidEntry } from '../../shared/votes/voids';

const conflict = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
  });

/** A client whose first `conflicts` transactions are cancelled by a conflict; counts them all. */
const conflictingClient = (conflicts: number) => {
  let sent = 0;
  const client = {
    send: async () => {
      sent += 1;
      if (sent <= conflicts) throw conflict();
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, sent: () => sent };
};

const entry: VoidEntry = {
  voidId: 'v-1',
  campaignId: 'c-1',
  at: '2026-12-02T09:00:00.000Z',
  by: 'admin',
  reason: '核实为刷票',
  receiptIds: [],
  skipped: 0,
  counts: [],
  status: 'pending',
};

describe('void repository under transaction conflicts', () => {
  it('starts and ends a void after conflicts, sending each transaction again', async () => {
    const started = conflictingClient(2);
    await expect(createVoidRepository({ tableName: 't', client: started.client }).begin(entry)).resolves.toEqual(entry);
    expect(started.sent()).toBe(3);
    const ended = conflictingClient(3);
    await createVoidRepository({ tableName: 't', client: ended.client }).complete({ ...entry, status: 'done' });
    expect(ended.sent()).toBe(4);
  });

  it('answers 409 BUSY when the conflicts last', async () => {
    const { client } = conflictingClient(Number.POSITIVE_INFINITY);
    await expect(createVoidRepository({ tableName: 't', client }).begin(entry)).rejects.toMatchObject({
      status: 409,
      code: 'BUSY',
    });
  });
});
