/**
 * Voids recorded on the campaign's vote ledger under concurrency, against DynamoDB Local: each
 * void's start and end updates the campaign item in a transaction, so voids at once contend on it:
 * every void starts and ends, each counted exactly once, none answers an error, and an end sent
 * twice changes nothing. DynamoDB Local serialises transactions (it reported no conflict in our
 * runs); DynamoDB cancels the loser with TransactionConflict, which the repository retries
 * (test/votes/void-repository.test.ts).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { cancellationCodes } from '../../shared/aws/dynamo';
import { createCampaignRepository } from '../../shared/campaigns/campaign-repository';
import { createVoidRepository } from '../../shared/votes/void-repository';
import type { VoidEntry } from '../../shared/votes/voids';
import { campaignOnNotice } from '../candidates/support';
import { moveTo } from '../nominations/support';
import { clients } from '../support/api';

const tableName = process.env.TABLE_NAME!;
const VOIDS = 16;

describe('voids on the vote ledger', () => {
  it('starts and ends voids sent at once, each counted once', {
    timeout: 60_000,
  }, async () => {
    const { cid } = await campaignOnNotice([
      { name: '作废窗口', category: 'window', district: 'city', sector: '政务服务中心' },
    ]);
    await moveTo(cid, 'voting');
    // The real client, observed: how many transactions were cancelled by a conflict (and retried).
    const real = clients().dynamodb;
    let conflicts = 0;
    const observed = {
      send: (command: Parameters<DynamoDBDocumentClient['send']>[0]) =>
        real.send(command).catch((error: unknown) => {
          if (cancellationCodes(error)?.includes('TransactionConflict')) conflicts += 1;
          throw error;
        }),
    } as DynamoDBDocumentClient;
    const voids = createVoidRepository({ tableName, client: observed });
    const campaigns = createCampaignRepository({ tableName });
    const entries: VoidEntry[] = Array.from({ length: VOIDS }, (_, i) => ({
      voidId: `void-${i}`,
      campaignId: cid,
      at: new Date().toISOString(),
      by: 'admin',
      reason: '并发作废',
      receiptIds: [],
      skipped: 0,
      counts: [],
      status: 'pending',
    }));

    await Promise.all(entries.map((entry) => voids.begin(entry)));
    expect(await campaigns.get(cid)).toMatchObject({ voidsPending: VOIDS, ledgerVersion: VOIDS });

    const done = entries.map((entry) => ({ ...entry, status: 'done' as const }));
    await Promise.all(done.map((entry) => voids.complete(entry)));
    // Ended again (a retried void request): conditional on `pending`, so nothing is counted twice.
    await Promise.all(done.map((entry) => voids.complete(entry)));
    expect(await campaigns.get(cid)).toMatchObject({ voidsPending: 0, ledgerVersion: 2 * VOIDS });
    expect((await voids.list(cid)).every((entry) => entry.status === 'done')).toBe(true);
    console.log(`${VOIDS} voids started and ended at once: ${conflicts} transaction conflicts (retried)`);
  });
});
