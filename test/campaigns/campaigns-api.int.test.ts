/** Campaigns through the local gateway, as an admin, a non-admin and nobody would call them. */
import { describe, expect, it } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import { api, login } from '../support/api';

const newCampaign = async (overrides: Record<string, unknown> = {}) => {
  const admin = await login('admin');
  const response = await api('POST', '/campaigns', { token: admin, body: { ...campaign2019, ...overrides } });
  expect(response.status).toBe(201);
  return response.body.id as string;
};

describe('campaigns API', () => {
  it('serves the seeded 2019 campaign to admins while it is a draft, and hides it from the public', async () => {
    const admin = await login('admin');
    const asAdmin = await api('GET', '/campaigns/jingmen-2019', { token: admin });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.rules.districts.map((d: { name: string }) => d.name)).toEqual([
      '市直',
      '东宝区',
      '荆门高新区·掇刀区',
      '漳河新区',
    ]);
    expect(asAdmin.body.rules.weights).toEqual({ votes: 60, experts: 40 });
    const asPublic = await api('GET', '/campaigns/jingmen-2019');
    expect(asPublic.status).toBe(404);
  });

  it('walks draft -> nomination with the audit trail showing who, when and why; a premature move is refused with reasons', async () => {
    const admin = await login('admin');
    const id = await newCampaign();

    const dryRun = await api('GET', `/campaigns/${id}/transitions`, { token: admin });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({ stage: 'draft', next: [{ to: 'nomination', allowed: true }] });

    const moved = await api('POST', `/campaigns/${id}/transitions`, {
      token: admin,
      body: { to: 'nomination', reason: '通知已印发' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.stage).toBe('nomination');

    const premature = await api('POST', `/campaigns/${id}/transitions`, { token: admin, body: { to: 'review' } });
    expect(premature.status).toBe(409);
    expect(premature.body.error.code).toBe('PRECONDITION_FAILED');
    expect(premature.body.error.details.failed).toEqual([
      expect.objectContaining({ key: 'nominations-forwarded', passed: false }),
    ]);

    const skipping = await api('POST', `/campaigns/${id}/transitions`, { token: admin, body: { to: 'voting' } });
    expect(skipping.status).toBe(409);
    expect(skipping.body.error.code).toBe('INVALID_TRANSITION');

    const audit = await api('GET', `/campaigns/${id}/audit`, { token: admin });
    expect(audit.status).toBe(200);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'campaign.stage-moved',
      'campaign.created',
    ]);
    expect(audit.body.entries[0]).toMatchObject({ by: 'admin', from: 'draft', to: 'nomination', reason: '通知已印发' });
    expect(Date.parse(audit.body.entries[0].at)).toBeGreaterThan(Date.now() - 60_000);

    const firstPage = await api('GET', `/campaigns/${id}/audit?limit=1`, { token: admin });
    expect(firstPage.body.entries.map((e: { action: string }) => e.action)).toEqual(['campaign.stage-moved']);
    const secondPage = await api('GET', `/campaigns/${id}/audit?limit=1&cursor=${firstPage.body.nextCursor}`, {
      token: admin,
    });
    expect(secondPage.body.entries.map((e: { action: string }) => e.action)).toEqual(['campaign.created']);
    const foreignCursor = await api('GET', `/campaigns/jingmen-2019/audit?cursor=${firstPage.body.nextCursor}`, {
      token: admin,
    });
    expect(foreignCursor.status).toBe(400);
    const unknownParameter = await api('GET', `/campaigns/${id}/audit?next=x`, { token: admin });
    expect(unknownParameter.status).toBe(400);
    expect(unknownParameter.body.error.details.fields[0].path).toBe('(query)');

    const publicView = await api('GET', `/campaigns/${id}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body).toMatchObject({ stage: 'nomination', configFrozen: false });
    expect(publicView.body.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(publicView.body).not.toHaveProperty('config');
  });

  it('refuses a non-admin (403) and nobody (401), and changes nothing', async () => {
    const id = await newCampaign();
    const applicant = await login('applicant-city');
    const asApplicant = await api('POST', `/campaigns/${id}/transitions`, {
      token: applicant,
      body: { to: 'nomination' },
    });
    expect(asApplicant.status).toBe(403);
    expect(asApplicant.body.error.code).toBe('FORBIDDEN');
    const asNobody = await api('POST', `/campaigns/${id}/transitions`, { body: { to: 'nomination' } });
    expect(asNobody.status).toBe(401);
    expect(asNobody.body.error.code).toBe('UNAUTHORIZED');
    const forged = await api('POST', `/campaigns/${id}/transitions`, {
      token: `${applicant.slice(0, -4)}AAAA`,
      body: { to: 'nomination' },
    });
    expect(forged.status).toBe(401);
    const admin = await login('admin');
    expect((await api('GET', `/campaigns/${id}`, { token: admin })).body.stage).toBe('draft');
  });

  it('validates a new configuration field by field (400) and creates nothing', async () => {
    const admin = await login('admin');
    const before = (await api('GET', '/campaigns', { token: admin })).body.campaigns.length;
    const bad = await api('POST', '/campaigns', {
      token: admin,
      body: {
        ...campaign2019,
        weights: { votes: 70, experts: 40 },
        districts: [{ id: 'X', name: '', quotas: {} }],
        surprise: true,
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const paths = bad.body.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['weights', 'districts.0.id', 'districts.0.name', '(body)']));
    expect((await api('GET', '/campaigns', { token: admin })).body.campaigns.length).toBe(before);
  });

  it('answers malformed and oversized bodies with 4xx JSON errors and changes nothing', async () => {
    const admin = await login('admin');
    const id = await newCampaign();
    const notJson = await api('PATCH', `/campaigns/${id}`, {
      token: admin,
      rawBody: '{"name": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('MALFORMED_JSON');
    const wrongType = await api('PATCH', `/campaigns/${id}`, { token: admin, body: { name: 42 } });
    expect(wrongType.status).toBe(400);
    const unknownField = await api('PATCH', `/campaigns/${id}`, { token: admin, body: { stage: 'awarded' } });
    expect(unknownField.status).toBe(400);
    const huge = await api('PATCH', `/campaigns/${id}`, { token: admin, body: { name: '荆'.repeat(40_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const tooLong = await api('PATCH', `/campaigns/${id}`, { token: admin, body: { name: '荆'.repeat(101) } });
    expect(tooLong.status).toBe(400);
    const view = await api('GET', `/campaigns/${id}`, { token: admin });
    expect(view.body.name).toBe(campaign2019.name);
    expect(view.body.stage).toBe('draft');
    expect(view.body.version).toBe(1);
  });

  it('PATCH checks the whole configuration after the change (award within recommend quota) and 404s an unknown campaign', async () => {
    const admin = await login('admin');
    const id = await newCampaign();
    const renamed = await api('PATCH', `/campaigns/${id}`, { token: admin, body: { name: '改名' } });
    expect(renamed.status).toBe(200);
    const invalid = await api('PATCH', `/campaigns/${id}`, {
      token: admin,
      body: {
        districts: [
          {
            id: 'city',
            name: '市直',
            quotas: { window: { recommend: 1, award: 2 }, star: { recommend: 1, award: 1 } },
          },
        ],
      },
    });
    expect(invalid.status).toBe(400);
    const unknownCampaign = await api('PATCH', '/campaigns/nope-404', { token: admin, body: { name: 'x' } });
    expect(unknownCampaign.status).toBe(404);
  });

  it('the clock tick opens a campaign whose nomination time has come (autoAdvance), recorded as the schedule', async () => {
    const admin = await login('admin');
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const schedule = {
      nomination: at(-1),
      review: at(60),
      publicity: at(120),
      voting: at(180),
      scoring: at(240),
      announcement: at(300),
      awarded: at(360),
    };
    const id = await newCampaign({ autoAdvance: true, schedule });
    let stage = 'draft';
    for (let i = 0; i < 40 && stage === 'draft'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      stage = (await api('GET', `/campaigns/${id}`, { token: admin })).body.stage;
    }
    expect(stage).toBe('nomination');
    const audit = await api('GET', `/campaigns/${id}/audit`, { token: admin });
    expect(audit.body.entries[0]).toMatchObject({
      by: 'schedule',
      from: 'draft',
      to: 'nomination',
      reason: `scheduled for ${schedule.nomination}`,
    });
  });

  it('the health check answers with the version', async () => {
    const health = await api('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', environment: 'local' });
  });
});
