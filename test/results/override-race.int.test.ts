/**
 * The award-quota check on overrides holds under concurrency, against DynamoDB Local: an override
 * commits only if no other was recorded since the quota check read them, so of several admins
 * racing for the same place exactly one wins and the others get 409 OVERRIDES_CHANGED.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { campaignPk } from '../../shared/campaigns/campaign-repository';
import { createResultsRepository, type Override } from '../../shared/results/results-repository';
import { clients } from '../support/api';

const table = () => process.env.TABLE_NAME!;

const announcedCampaign = async () => {
  const cid = `race-${randomUUID().slice(0, 8)}`;
  await clients().dynamodb.send(
    new PutCommand({ TableName: table(), Item: { pk: campaignPk(cid), sk: 'CAMPAIGN', stage: 'announcement' } }),
  );
  return cid;
};

const override = (nominationId: string): Override => ({
  nominationId,
  awarded: true,
  reason: '递补',
  by: 'admin',
  at: new Date().toISOString(),
  resultsVersion: 1,
});
const audit = (cid: string, subject: string) => ({
  campaignId: cid,
  at: new Date().toISOString(),
  by: 'admin',
  action: 'results.award-overridden',
  subject,
  reason: '递补',
});

describe('overrides under concurrency', () => {
  it('commits one of eight overrides made on the same reading, and refuses the rest', async () => {
    const cid = await announcedCampaign();
    const results = createResultsRepository({ tableName: table(), client: clients().dynamodb });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => results.putOverride(cid, override(`n${i}`), audit(cid, `n${i}`), 0)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect(o).toMatchObject({ reason: { code: 'OVERRIDES_CHANGED' } });
    }
    expect(await results.listOverrides(cid)).toHaveLength(1);
  });

  it('accepts the next override made on the new reading, and refuses one made on a stale one', async () => {
    const cid = await announcedCampaign();
    const results = createResultsRepository({ tableName: table(), client: clients().dynamodb });
    await results.putOverride(cid, override('a'), audit(cid, 'a'), 0);
    await expect(results.putOverride(cid, override('b'), audit(cid, 'b'), 0)).rejects.toMatchObject({
      code: 'OVERRIDES_CHANGED',
    });
    await results.putOverride(cid, override('b'), audit(cid, 'b'), 1);
    expect(await results.listOverrides(cid)).toHaveLength(2);
  });
});
