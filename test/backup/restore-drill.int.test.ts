/**
 * `npm run restore-drill` against the local system: a campaign voted on and published, the table
 * copied by scan into a new table (DynamoDB Local's stand-in for point-in-time recovery), the
 * recount from the copy checked against the published tally; then a copy missing one ledger item
 * must fail the drill, naming the figures.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createResultsRepository } from '../../shared/results/results-repository';
import { createVoteQueue } from '../../shared/votes/vote-queue';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { campaignOnNotice } from '../candidates/support';
import { moveTo } from '../nominations/support';
import { until } from '../results/support';
import { clients } from '../support/api';
import { voteMessage, voter } from '../votes/support/fixtures';

const drill = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/restore-drill.ts', ...args], {
    env: process.env,
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

const sendVote = createVoteQueue({ queueUrl: process.env.VOTES_QUEUE_URL! });
const votes = createVoteRepository({ tableName: process.env.TABLE_NAME! });
const results = createResultsRepository({ tableName: process.env.TABLE_NAME! });

describe('restore drill', () => {
  it('restores into a new table whose recount equals the published tally, and fails on a copy missing a vote', {
    timeout: 120_000,
  }, async () => {
    const { cid, seeded } = await campaignOnNotice([
      { name: '还原窗口', category: 'window', district: 'city', sector: '政务服务中心' },
      { name: '还原明星', category: 'star', district: 'duodao', sector: '集贸市场' },
    ]);
    const [windowUnit, star] = seeded;
    await moveTo(cid, 'voting');
    for (let i = 0; i < 3; i++) {
      await sendVote(
        voteMessage(cid, voter(), [
          [windowUnit!.id, 'window'],
          [star!.id, 'star'],
        ]),
      );
    }
    await sendVote(voteMessage(cid, voter(), [[star!.id, 'star']]));
    await until('the four requests to be counted', async () => {
      const total = async (id: string) => (await votes.counters(cid, [id])).reduce((sum, row) => sum + row.votes, 0);
      return (await total(windowUnit!.id)) === 3 && (await total(star!.id)) === 4 ? true : undefined;
    });
    await moveTo(cid, 'scoring');
    await until('the schedule worker to publish version 1', async () => results.latest(cid));

    const restored = `drill-${randomBytes(4).toString('hex')}`;
    const pass = await drill('--campaign', cid, '--to', restored);
    expect(pass.stdout).toContain('DynamoDB Local has no point-in-time recovery');
    expect(pass.stdout).toContain('verify-tally MATCH');
    expect(pass.stdout).toContain(`Recount from ${restored}: 7 counted votes`);
    expect(pass.stdout).toContain(`PASS: the restored table reproduces the published tally of ${cid} (version 1)`);
    expect(pass.code).toBe(0);

    // One request (two votes) lost in the copy: the drill fails and names the figures.
    const { dynamodb } = clients();
    const ledger = [];
    for (let shard = 0; shard < 16; shard++) {
      const { Items = [] } = await dynamodb.send(
        new QueryCommand({
          TableName: restored,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `VOTES#${cid}#${shard.toString(16)}` },
        }),
      );
      ledger.push(...Items);
    }
    const lost = ledger.find((item) => (item.receipts as unknown[]).length === 2)!;
    await dynamodb.send(new DeleteCommand({ TableName: restored, Key: { pk: lost.pk, sk: lost.sk } }));

    const fail = await drill('--campaign', cid, '--restored', restored);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain('total votes: published 7, recounted 5');
    expect(fail.stdout).toContain(`votes of ${windowUnit!.id}: published 3, recounted 2`);
    expect(fail.stdout).toContain('FAIL: the restored table does not reproduce the published tally.');
  });
});
