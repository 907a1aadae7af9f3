/**
 * Places two requests can race: the recommend quota, two endorsements, two reviews. One wins; the rest get 409 and
 * change nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../support/api';
import { allDeclarations } from './fixtures';
import { moveTo, newCampaign, repository, seedNomination, stored, verifiedUploads } from './support';

let cid: string;
beforeAll(async () => {
  cid = await newCampaign();
});

const auditActions = async (cid: string) => {
  const page = await api('GET', `/campaigns/${cid}/audit?limit=200`, { token: await login('admin') });
  return page.body.entries as Array<{ action: string; subject?: string }>;
};

describe('races', () => {
  it('lets exactly one of 20 simultaneous forwards take the last place of the quota', async () => {
    const district = await login('district-zhanghe');
    const nominations = await Promise.all(
      Array.from({ length: 21 }, () =>
        seedNomination(cid, { district: 'zhanghe', category: 'star', status: 'endorsed' }),
      ),
    );
    const first = await api('POST', `/nominations/${nominations[0]!.id}/forward`, { token: district });
    expect(first.status).toBe(200);
    expect(await repository().quotaUsed(cid, 'zhanghe', 'star')).toBe(1); // zhanghe: 2 places per category in 2019

    const started = Date.now();
    const results = await Promise.all(
      nominations.slice(1).map((n) => api('POST', `/nominations/${n.id}/forward`, { token: district })),
    );
    const elapsed = Date.now() - started;
    const statuses = results.map((r) => r.status);
    console.log(
      `20-way forward race: ${statuses.filter((s) => s === 200).length} x 200, ${statuses.filter((s) => s === 409).length} x 409 in ${elapsed} ms`,
    );

    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'QUOTA_EXCEEDED')).toHaveLength(19);
    expect(results.find((r) => r.status === 409)?.body.error.details).toEqual({
      district: 'zhanghe',
      category: 'star',
      quota: 2,
      used: 2,
    });
    expect(await repository().quotaUsed(cid, 'zhanghe', 'star')).toBe(2);
    const forwarded = await repository().listByCampaign(cid, {
      district: 'zhanghe',
      category: 'star',
      status: 'forwarded',
    });
    expect(forwarded).toHaveLength(2);
    const losers = results.flatMap((r, i) => (r.status === 409 ? [nominations[i + 1]!.id] : []));
    for (const nid of losers) expect((await stored(nid))?.status).toBe('endorsed');
    const actions = await auditActions(cid);
    expect(actions.filter((a) => a.action === 'nomination.forwarded')).toHaveLength(2);
    // The other category of the same district still has its own places.
    const window = await seedNomination(cid, { district: 'zhanghe', category: 'window', status: 'endorsed' });
    expect((await api('POST', `/nominations/${window.id}/forward`, { token: district })).status).toBe(200);
  });

  it('lets one of two simultaneous endorsements win; the other gets 409 and the history has one step', async () => {
    const nomination = await seedNomination(cid, { district: 'dongbao', status: 'submitted' });
    await verifiedUploads(nomination, { endorsement_scan: 1 });
    const dept = await login('dept-dongbao');
    const results = await Promise.all([
      api('POST', `/nominations/${nomination.id}/endorse`, {
        token: dept,
        body: { decision: 'endorse', opinion: '同意推荐', confirmed: allDeclarations() },
      }),
      api('POST', `/nominations/${nomination.id}/endorse`, {
        token: dept,
        body: { decision: 'return', opinion: '请补充材料' },
      }),
      api('POST', `/nominations/${nomination.id}/endorse`, {
        token: dept,
        body: { decision: 'endorse', opinion: '同意', confirmed: allDeclarations() },
      }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.body;
    const after = await stored(nomination.id);
    expect(after?.status).toBe(winner.status);
    expect(after?.history.map((h) => h.status)).toEqual(['submitted', winner.status]);
    expect(after?.version).toBe(2);
  });

  it('lets one of two simultaneous reviews win in review', async () => {
    const nomination = await seedNomination(cid, { district: 'city', status: 'endorsed' });
    expect(
      (await api('POST', `/nominations/${nomination.id}/forward`, { token: await login('district-city') })).status,
    ).toBe(200);
    await moveTo(cid, 'review');
    const admin = await login('admin');
    const results = await Promise.all([
      api('POST', `/nominations/${nomination.id}/review`, {
        token: admin,
        body: { decision: 'approve', reason: '符合评选标准' },
      }),
      api('POST', `/nominations/${nomination.id}/review`, {
        token: admin,
        body: { decision: 'reject', reason: '材料不实' },
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body;
    const after = await stored(nomination.id);
    expect(after?.status).toBe(winner.status);
    expect(after?.review?.decision).toBe(winner.review.decision);
    expect(after?.history.filter((h) => h.status === 'approved' || h.status === 'rejected')).toHaveLength(1);
  });

  it('refuses forwarding once the campaign has left nomination (409 WRONG_STAGE), changing nothing', async () => {
    const nomination = await seedNomination(cid, { district: 'city', status: 'endorsed', stage: 'review' });
    const refused = await api('POST', `/nominations/${nomination.id}/forward`, { token: await login('district-city') });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('WRONG_STAGE');
    expect((await stored(nomination.id))?.status).toBe('endorsed');
  });
});
