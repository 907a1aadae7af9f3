/**
 * Personal data that expires, against the local system: the clock tick's sweep gives a closed
 * campaign's voter data the TTL of its close plus the retention period (never postponing an earlier
 * one, never touching another campaign), an admin erases a nominee's personal data on request
 * (audited, idempotent), the tick erases it once the archive period has ended, and the consent
 * notice is public.
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createCampaignRepository } from '../../shared/campaigns/campaign-repository';
import { createRetentionRepository } from '../../shared/privacy/retention-repository';
import { verifiedKey } from '../../shared/uploads/upload';
import { createUploadRepository } from '../../shared/uploads/upload-repository';
import { normalizeMobile } from '../../shared/voters/phone';
import { createVoterKeys } from '../../shared/voters/voter-keys';
import { campaignOnNotice, PERSONAL } from '../candidates/support';
import { until } from '../results/support';
import { api, clients, login } from '../support/api';
import { voter, votingCampaign } from '../votes/support/fixtures';

const DAY_SECONDS = 24 * 60 * 60;
const table = () => process.env.TABLE_NAME!;
const campaigns = createCampaignRepository({ tableName: table() });
const uploads = createUploadRepository({ tableName: table() });
const retention = createRetentionRepository({ tableName: table() });
const put = (item: Record<string, unknown>) =>
  clients().dynamodb.send(new PutCommand({ TableName: table(), Item: item }));
const expiresAtOf = async (pk: string, sk: string) =>
  (await clients().dynamodb.send(new GetCommand({ TableName: table(), Key: { pk, sk }, ConsistentRead: true }))).Item
    ?.expiresAt;
const objectExists = (key: string) =>
  clients()
    .s3.send(new HeadObjectCommand({ Bucket: process.env.UPLOADS_BUCKET_NAME!, Key: key }))
    .then(
      () => true,
      () => false,
    );

/** A voter token for the number (filing an objection needs one), signed in-process with the local voter secret. */
const tokenFor = (phone: string) => {
  const keys = createVoterKeys(process.env.VOTER_SECRET!);
  const now = Date.now();
  return keys.signToken({
    voterId: keys.voterId(normalizeMobile(phone)),
    firstSeenAt: new Date(now - 60_000),
    issuedAt: new Date(now - 1000),
    expiresAt: new Date(now + 3600_000),
  });
};

/** Moves a campaign straight to `awarded`, closed at `closedAt`. */
const closeCampaign = async (cid: string, closedAt: string) => {
  const campaign = (await campaigns.get(cid))!;
  await campaigns.update(
    { ...campaign, stage: 'awarded', stageChangedAt: closedAt, version: campaign.version + 1 },
    { campaignId: cid, at: closedAt, by: 'test', action: 'campaign.transitioned', from: campaign.stage, to: 'awarded' },
  );
};

describe('personal data that expires', () => {
  it("gives a closed campaign's ballots, signals and voter profiles the TTL of its close plus 90 days, keeping earlier ones", {
    timeout: 60_000,
  }, async () => {
    const closedAt = '2026-01-10T00:00:00.000Z';
    const expected = Date.parse(closedAt) / 1000 + 90 * DAY_SECONDS;
    const open = await votingCampaign();
    const closing = await votingCampaign();
    const id = voter();
    const items = {
      ballot: { pk: `BALLOT#${closing.id}#${id}`, sk: '2026-01-05#window' },
      request: { pk: `BALLOT#${closing.id}#${id}`, sk: 'REQ#2026-01-05#x#y', expiresAt: 1_000 },
      signal: { pk: `SIGNAL#${closing.id}#ip.abc`, sk: `${id}#r1`, expiresAt: expected + 300 * DAY_SECONDS },
      profile: { pk: `VOTER#${id}`, sk: 'PROFILE', firstSeenAt: '2026-01-05T01:00:00Z' },
      otherCampaign: { pk: `BALLOT#${open.id}#${id}`, sk: '2026-01-05#window' },
    };
    for (const item of Object.values(items)) await put(item);

    await closeCampaign(closing.id, closedAt);
    await until('the sweep of the closed campaign', async () =>
      (await retention.sweepState(closing.id))?.done ? true : undefined,
    );

    expect(await expiresAtOf(items.ballot.pk, items.ballot.sk)).toBe(expected);
    expect(await expiresAtOf(items.signal.pk, items.signal.sk)).toBe(expected);
    expect(await expiresAtOf(items.profile.pk, items.profile.sk)).toBe(expected);
    expect(await expiresAtOf(items.request.pk, items.request.sk)).toBe(1_000);
    expect(await expiresAtOf(items.otherCampaign.pk, items.otherCampaign.sk)).toBeUndefined();
  });

  it("erases a nominee's personal fields and uploads on an admin's request, audited, and only once", {
    timeout: 60_000,
  }, async () => {
    const { cid, seeded } = await campaignOnNotice([
      { name: '删除明星', category: 'star', district: 'city', sector: '政务服务中心', photos: ['portrait'] },
    ]);
    const nid = seeded[0]!.id;
    const [upload] = await uploads.list({ nominationId: nid });
    expect(await objectExists(verifiedKey(upload!))).toBe(true);
    const path = `/nominations/${nid}/personal-data/erasure`;
    const admin = await login('admin');

    expect((await api('POST', path, { token: await login('district-city'), body: { reason: 'x' } })).status).toBe(403);
    expect((await api('POST', path, { token: admin, body: {} })).status).toBe(400);

    const erased = await api('POST', path, { token: admin, body: { reason: '本人书面申请删除 / written request' } });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toEqual({
      nominationId: nid,
      fields: ['birthMonth', 'nativePlace', 'politicalStatus', 'education', 'school', 'mobile'],
      uploads: 1,
    });

    const nomination = await api('GET', `/nominations/${nid}`, { token: admin });
    expect(nomination.body.form.name).toBe('删除明星');
    for (const value of Object.values(PERSONAL)) expect(JSON.stringify(nomination.body)).not.toContain(value);
    expect(await uploads.list({ nominationId: nid })).toEqual([]);
    expect(await objectExists(verifiedKey(upload!))).toBe(false);

    const audit = await api('GET', `/campaigns/${cid}/audit`, { token: admin });
    expect(audit.body.entries[0]).toMatchObject({
      action: 'nomination.personal-data-erased',
      subject: nid,
      by: 'admin',
      reason: '本人书面申请删除 / written request',
      details: { uploads: 1 },
    });

    const again = await api('POST', path, { token: admin, body: { reason: 'again' } });
    expect(again.body).toEqual({ nominationId: nid, fields: [], uploads: 0 });
    expect((await api('GET', `/campaigns/${cid}/audit`, { token: admin })).body.entries[0].reason).not.toBe('again');
  });

  it('erases every nominee and objection filer of a campaign closed longer ago than the archive period, on the clock tick', {
    timeout: 60_000,
  }, async () => {
    const { cid, seeded } = await campaignOnNotice([
      { name: '归档窗口', category: 'window', district: 'duodao', sector: '集贸市场', photos: ['unit_photo'] },
    ]);
    const nid = seeded[0]!.id;
    const filed = await api('POST', `/campaigns/${cid}/candidates/${nid}/objections`, {
      body: { name: '李四', phone: '13600001111', content: '请核实该窗口的服务承诺是否兑现。' },
      token: await tokenFor('13600001111'),
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    await closeCampaign(cid, new Date(Date.now() - 1096 * DAY_SECONDS * 1000).toISOString());

    const admin = await login('admin');
    const entry = await until('the archive erasure', async () =>
      (await api('GET', `/campaigns/${cid}/audit`, { token: admin })).body.entries.find(
        (e: { action: string }) => e.action === 'nomination.personal-data-erased',
      ),
    );
    expect(entry).toMatchObject({ by: 'schedule', subject: nid, details: { fields: ['headMobile', 'handlerMobile'] } });
    const nomination = await api('GET', `/nominations/${nid}`, { token: admin });
    expect(nomination.body.form).not.toHaveProperty('headMobile');
    expect(nomination.body.form.unitName).toBe('归档窗口');
    expect(await uploads.list({ nominationId: nid })).toEqual([]);
    // Marked done (after the objection filers), so later ticks skip the campaign.
    await until('the campaign marked erased', async () => ((await retention.archiveErased(cid)) ? true : undefined));
    const [objection] = (await api('GET', `/campaigns/${cid}/objections`, { token: admin })).body.objections;
    expect(objection).toMatchObject({ name: '', phone: '', content: '请核实该窗口的服务承诺是否兑现。' });
  });

  it('serves the consent notice publicly, with the retention period', async () => {
    const consent = await api('GET', '/voter/consent');
    expect(consent.status).toBe(200);
    expect(consent.body.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(consent.body.text).toContain('本届评选结束后 90 天内自动删除');
    expect(consent.body.textEn).toContain('within 90 days after');
  });
});
