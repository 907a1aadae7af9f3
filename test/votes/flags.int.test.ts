/**
 * Brushing evidence against DynamoDB Local: an IP's signals are kept in its /24's items (one item per
 * batch and /24 for both rules), and each rule still counts only its own voters: an IP is flagged by
 * the voters from that IP, a /24 by all of its voters, and a flag's evidence (what a void of it removes)
 * is its own requests only.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { getDocumentClient } from '../../shared/aws/clients';
import { createFlagRepository } from '../../shared/votes/flag-repository';
import { FLAG_RULES, flagEvidence, flagIdOf, observeBrushing } from '../../shared/votes/flags';
import { voteMessage, voter } from './support/fixtures';

const tableName = process.env.TABLE_NAME!;
const store = createFlagRepository({ tableName });
const partition = async (pk: string) =>
  (
    await getDocumentClient().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      }),
    )
  ).Items ?? [];

describe('brushing flags', () => {
  it('keeps an IP’s signals in its /24’s items and flags the IP by its own voters only', async () => {
    // The IP's signals can ride in the /24's items only while the two rules share their window.
    expect(FLAG_RULES['ip-cluster'].windowMs).toBe(FLAG_RULES['subnet-cluster'].windowMs);
    const cid = `flags-${voter()}`;
    const at = (i: number) => new Date(Date.parse('2019-07-28T10:00:00+08:00') + i * 1000).toISOString();
    // 20 voters from one address (the ip-cluster threshold), 30 more from 30 other addresses of its /24: 50 (the
    // subnet-cluster threshold).
    const shared = Array.from({ length: 20 }, (_, i) =>
      voteMessage(cid, voter(), [['w1', 'window']], { acceptedAt: at(i), ip: '10.1.2.3' }),
    );
    const spread = Array.from({ length: 30 }, (_, i) =>
      voteMessage(cid, voter(), [['w2', 'window']], { acceptedAt: at(20 + i), ip: `10.1.2.${100 + i}` }),
    );
    const observe = observeBrushing(store, () => new Date('2019-07-28T10:05:00+08:00'));
    // Two consumer batches, each with requests of both kinds.
    await observe([...shared.slice(0, 10), ...spread.slice(0, 15)]);
    await observe([...shared.slice(10), ...spread.slice(15)]);

    const flags = await store.listFlags(cid);
    expect(flags.map((f) => [f.rule, f.key, f.voters]).sort()).toEqual([
      ['ip-cluster', '10.1.2.3', 20],
      ['subnet-cluster', '10.1.2.0/24', 50],
    ]);
    const evidence = async (rule: string) => flagEvidence(flags.find((f) => f.rule === rule)!, store);
    expect((await evidence('ip-cluster')).receiptIds.sort()).toEqual(shared.map((m) => m.votes[0]!.receiptId).sort());
    expect((await evidence('subnet-cluster')).receiptIds.sort()).toEqual(
      [...shared, ...spread].map((m) => m.votes[0]!.receiptId).sort(),
    );

    // Written: one item per batch under the /24, none under the IP.
    const windowStart = flags[0]!.windowStart;
    const pk = (rule: 'ip-cluster' | 'subnet-cluster', key: string) =>
      `SIGNAL#${cid}#${flagIdOf({ rule, key, windowStart })}`;
    expect(await partition(pk('subnet-cluster', '10.1.2.0/24'))).toHaveLength(2);
    expect(await partition(pk('ip-cluster', '10.1.2.3'))).toEqual([]);
  });
});
