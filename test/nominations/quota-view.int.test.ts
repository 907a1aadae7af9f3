/** A district user's list of nominations carries its recommend quota: places, taken, left; other roles get none. */
import { describe, expect, it } from 'vitest';
import { api, login } from '../support/api';
import { newCampaign, seedNomination } from './support';

describe("the district's quota beside its list", () => {
  it('shows places taken and left per category, and only to district users', async () => {
    const cid = await newCampaign();
    const district = await login('district-zhanghe');
    const before = await api('GET', `/campaigns/${cid}/nominations`, { token: district });
    expect(before.status).toBe(200);
    expect(before.body.quota).toEqual({
      district: 'zhanghe',
      window: { quota: 2, used: 0, left: 2 },
      star: { quota: 2, used: 0, left: 2 },
    });

    const endorsed = await seedNomination(cid, { district: 'zhanghe', category: 'star', status: 'endorsed' });
    expect((await api('POST', `/nominations/${endorsed.id}/forward`, { token: district })).status).toBe(200);
    const after = await api('GET', `/campaigns/${cid}/nominations`, { token: district });
    expect(after.body.quota.star).toEqual({ quota: 2, used: 1, left: 1 });
    expect(after.body.quota.window).toEqual({ quota: 2, used: 0, left: 2 });

    for (const username of ['admin', 'dept-zhanghe', 'applicant-zhanghe']) {
      const list = await api('GET', `/campaigns/${cid}/nominations`, { token: await login(username) });
      expect(list.status).toBe(200);
      expect(list.body.quota).toBeUndefined();
    }
  });
});
