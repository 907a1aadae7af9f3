/**
 * Timing through the API (issue 11, item 4): deadlines per step by day in Asia/Shanghai, refused with nothing changed;
 * the minimum publicity period holding the move out of publicity; the dry run's warning of nominations not forwarded,
 * per district; judges scoring after the vote until judging closes; the form's 说明 carrying the deadline.
 */
import { describe, expect, it } from 'vitest';
import { api, login } from '../support/api';
import { moveTo, newCampaign, seedNomination, stored } from '../nominations/support';
import { computeThroughApi } from '../results/support';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The day in Asia/Shanghai `offsetDays` from now, as YYYY-MM-DD. */
const shanghaiDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * DAY_MS));

const setTiming = async (cid: string, timing: unknown) => {
  const patched = await api('PATCH', `/campaigns/${cid}`, { token: await login('admin'), body: { timing } });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
};

describe('deadlines per step (Asia/Shanghai)', () => {
  it('refuses each step once its day has ended, changing nothing, and takes it on its last day', async () => {
    const cid = await newCampaign();
    const draft = await seedNomination(cid, { status: 'draft' });
    const submitted = await seedNomination(cid, { status: 'submitted' });
    const endorsed = await seedNomination(cid, { status: 'endorsed' });
    const yesterday = shanghaiDay(-1);
    await setTiming(cid, { deadlines: { submit: yesterday, endorse: yesterday, forward: yesterday } });

    const steps = [
      { nomination: draft, path: 'submit', user: 'applicant-zhanghe', body: undefined },
      { nomination: submitted, path: 'endorse', user: 'dept-zhanghe', body: { decision: 'return', opinion: '请补充' } },
      { nomination: endorsed, path: 'forward', user: 'district-zhanghe', body: undefined },
    ];
    for (const { nomination, path, user, body } of steps) {
      const refused = await api('POST', `/nominations/${nomination.id}/${path}`, { token: await login(user), body });
      expect(refused.status, path).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'DEADLINE_PASSED',
        message: expect.stringContaining('截止日期'),
        messageEn: expect.stringContaining(yesterday),
        details: { step: path, deadline: yesterday },
      });
      const after = await stored(nomination.id);
      expect(after).toMatchObject({ status: nomination.status, version: nomination.version });
      expect(after!.history).toHaveLength(1);
    }

    // The deadline day itself, in Shanghai, is still in time.
    const today = shanghaiDay();
    await setTiming(cid, { deadlines: { forward: today } });
    const forwarded = await api('POST', `/nominations/${endorsed.id}/forward`, {
      token: await login('district-zhanghe'),
    });
    expect(forwarded.status, JSON.stringify(forwarded.body)).toBe(200);
    expect(forwarded.body.status).toBe('forwarded');
  });

  it('prints the forward deadline in the form’s 说明, and serves it with the form', async () => {
    const cid = await newCampaign();
    const nomination = await seedNomination(cid, { status: 'draft' });
    await setTiming(cid, { deadlines: { forward: '2099-07-09' } });
    const page = await api('GET', `/nominations/${nomination.id}/print`, { token: await login('applicant-zhanghe') });
    expect(page.status).toBe(200);
    expect(page.body).toContain('请于 2099年7月9日前报送评选活动办公室。');
    const form = await api('GET', `/campaigns/${cid}/forms/star`);
    expect(form.status).toBe(200);
    expect(form.body.description).toContain('请于 2099年7月9日前报送评选活动办公室。');
  });

  it('refuses deadlines that are not days or not in step order (nothing changed)', async () => {
    const cid = await newCampaign();
    const admin = await login('admin');
    for (const timing of [
      { deadlines: { submit: '2099-02-30' } },
      { deadlines: { submit: '2099-07-09', endorse: '2099-07-01' } },
      { minPublicityDays: 'seven' },
      { deadlines: { review: '2099-07-09' } },
    ]) {
      const refused = await api('PATCH', `/campaigns/${cid}`, { token: admin, body: { timing } });
      expect(refused.status, JSON.stringify(timing)).toBe(400);
    }
    const view = await api('GET', `/campaigns/${cid}`, { token: admin });
    expect(view.body.config.timing).toBeUndefined();
  });
});

describe('stage moves', () => {
  it('warns in the dry run of the move to review how many nominations each district did not forward', async () => {
    const cid = await newCampaign();
    await seedNomination(cid, { district: 'dongbao', status: 'draft' });
    await seedNomination(cid, { district: 'dongbao', status: 'endorsed', category: 'window' });
    await seedNomination(cid, { district: 'zhanghe', status: 'submitted' });
    await seedNomination(cid, { district: 'city', status: 'forwarded' });
    const dryRun = await api('GET', `/campaigns/${cid}/transitions`, { token: await login('admin') });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.next[0]).toMatchObject({ to: 'review', allowed: true });
    expect(dryRun.body.next[0].warnings).toEqual([
      expect.objectContaining({
        key: 'not-forwarded',
        district: 'dongbao',
        count: 2,
        byStatus: { draft: 1, endorsed: 1 },
      }),
      expect.objectContaining({ key: 'not-forwarded', district: 'zhanghe', count: 1, byStatus: { submitted: 1 } }),
    ]);
    expect(dryRun.body.next[0].warnings[0].message).toContain('东宝区：2 件推荐未报送');
  });

  it('holds the campaign in publicity for the minimum period, naming the failed precondition', async () => {
    const cid = await newCampaign();
    await seedNomination(cid, { status: 'approved' });
    await moveTo(cid, 'review');
    await moveTo(cid, 'publicity');
    await setTiming(cid, { minPublicityDays: 7 });
    const admin = await login('admin');
    const early = await api('POST', `/campaigns/${cid}/transitions`, { token: admin, body: { to: 'voting' } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PRECONDITION_FAILED');
    expect(early.body.error.details.failed).toEqual([
      expect.objectContaining({ key: 'publicity-period', passed: false, detail: expect.stringContaining('至少 7 天') }),
    ]);
    expect((await api('GET', `/campaigns/${cid}`, { token: admin })).body.stage).toBe('publicity');

    await setTiming(cid, { minPublicityDays: 0 });
    await moveTo(cid, 'voting');
  });

  it('lets judges score after voting closes, in scoring, until judging is closed; a later score makes results stale', {
    timeout: 180_000,
  }, async () => {
    const cid = await newCampaign();
    const candidate = await seedNomination(cid, { status: 'approved' });
    await moveTo(cid, 'review');
    await moveTo(cid, 'publicity');
    const admin = await login('admin');
    const added = await api('POST', `/campaigns/${cid}/judges`, {
      token: admin,
      body: { username: 'judge-1', name: '评审专家 王', district: 'city', unit: 'city-service-center' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    await moveTo(cid, 'voting');
    await moveTo(cid, 'scoring');

    const judge = await login('judge-1');
    const scored = await api('PUT', `/campaigns/${cid}/scores/${candidate.id}`, {
      token: judge,
      body: { criteria: [18, 17, 19, 16, 20] },
    });
    expect(scored.status, JSON.stringify(scored.body)).toBe(200);
    expect(scored.body).toMatchObject({ total: 90, revision: 1 });
    const sheet = await api('GET', `/campaigns/${cid}/scoresheet`, { token: judge });
    expect(sheet.body).toMatchObject({ stage: 'scoring', open: true });

    // Results computed now cover the score; a revision after them makes them stale until computed again.
    await computeThroughApi(cid, admin);
    const announce = async () =>
      (await api('GET', `/campaigns/${cid}/transitions`, { token: admin })).body.next[0].preconditions.find(
        (p: { key: string }) => p.key === 'results-ready',
      );
    expect(await announce()).toMatchObject({ passed: true });
    const revised = await api('PUT', `/campaigns/${cid}/scores/${candidate.id}`, {
      token: judge,
      body: { criteria: [18, 17, 19, 16, 19] },
    });
    expect(revised.body).toMatchObject({ total: 89, revision: 2 });
    expect(await announce()).toMatchObject({ passed: false, detail: expect.stringContaining('结果已过期') });

    const closed = await api('POST', `/campaigns/${cid}/judging/close`, { token: admin, body: { reason: '评审结束' } });
    expect(closed.status).toBe(200);
    const late = await api('PUT', `/campaigns/${cid}/scores/${candidate.id}`, {
      token: judge,
      body: { criteria: [20, 20, 20, 20, 20] },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('JUDGING_CLOSED');
    await computeThroughApi(cid, admin);
    expect(await announce()).toMatchObject({ passed: true });
  });
});
