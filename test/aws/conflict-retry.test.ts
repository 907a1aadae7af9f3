/**
 * The one conflict-retry helper: a transaction cancelled only by a conflict is sent again; a failed condition, or
 * conflicts that last, reach the caller.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { withConflictRetry } from '../../shared/aws/dynamo';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** A send that fails with each given error in turn, then succeeds; counts its calls. */
const failing = (...errors: Error[]) => {
  let calls = 0;
  return {
    send: async () => {
      const error = errors[calls++];
      if (error) throw error;
    },
    calls: () => calls,
  };
};

describe('withConflictRetry', () => {
  it('sends again while a concurrent transaction held an item', async () => {
    const tx = failing(cancelled('None', 'TransactionConflict'), cancelled('TransactionConflict', 'None'));
    await withConflictRetry(tx.send);
    expect(tx.calls()).toBe(3);
  });

  it('throws a failed condition at once, even beside a conflict', async () => {
    const error = cancelled('ConditionalCheckFailed', 'TransactionConflict');
    const tx = failing(error);
    await expect(withConflictRetry(tx.send)).rejects.toBe(error);
    expect(tx.calls()).toBe(1);
  });

  it('gives up after eight conflicts', async () => {
    const tx = failing(...Array.from({ length: 9 }, () => cancelled('TransactionConflict', 'None')));
    await expect(withConflictRetry(tx.send)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(tx.calls()).toBe(8);
  });
});
