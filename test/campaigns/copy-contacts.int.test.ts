/**
 * The office's contacts on the public view (issue 11, item 3) and next year's campaign copied from this one's
 * configuration, without its nominations (item 12), through the API.
 */
import { describe, expect, it } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import { api, login } from '../support/api';
import { newCampaign, seedNomination } from '../nominations/support';

const CONTACT = { name: '谢恒阳', phone: '2372245', email: '32381161@qq.com' };

describe('contacts', () => {
  it('are in the seeded demo campaign and on the public view of a campaign', async () => {
    const admin = await login('admin');
    const demo = await api('GET', '/campaigns/jingmen-2019', { token: admin });
    expect(demo.body.contacts).toEqual([CONTACT]);

    const cid = await newCampaign();
    const office = { name: '评选活动办公室', phone: '0724-2372245', email: 'office@example.cn' };
    const patched = await api('PATCH', `/campaigns/${cid}`, { token: admin, body: { contacts: [office, CONTACT] } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const publicView = await api('GET', `/campaigns/${cid}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.contacts).toEqual([office, CONTACT]);
    const listed = await api('GET', '/campaigns');
    expect(listed.body.campaigns.find((c: { id: string }) => c.id === cid).contacts).toEqual([office, CONTACT]);
  });

  it('refuses a contact without a phone or e-mail, a malformed e-mail or phone, or an unknown field', async () => {
    const cid = await newCampaign();
    const admin = await login('admin');
    for (const contact of [
      { name: '谢恒阳' },
      { name: '谢恒阳', email: 'not-an-address' },
      { name: '谢恒阳', phone: 'call me' },
      { name: '', phone: '2372245' },
      { ...CONTACT, mobile: '13712345678' },
    ]) {
      const refused = await api('PATCH', `/campaigns/${cid}`, { token: admin, body: { contacts: [contact] } });
      expect(refused.status, JSON.stringify(contact)).toBe(400);
    }
    expect((await api('GET', `/campaigns/${cid}`)).body.contacts).toEqual([CONTACT]);
  });
});

describe('next year', () => {
  it('copies the configuration into a new draft, without nominations, dates or automatic moves; the audit names the source', async () => {
    const cid = await newCampaign();
    await seedNomination(cid, { status: 'submitted' });
    const admin = await login('admin');
    const patched = await api('PATCH', `/campaigns/${cid}`, {
      token: admin,
      body: { timing: { minPublicityDays: 7, deadlines: { submit: '2099-07-01' } } },
    });
    expect(patched.status).toBe(200);

    const copied = await api('POST', `/campaigns/${cid}/copy`, { token: admin, body: {} });
    expect(copied.status, JSON.stringify(copied.body)).toBe(201);
    expect(copied.body).toMatchObject({ stage: 'draft', createdBy: 'admin', version: 1 });
    expect(copied.body.id).not.toBe(cid);
    const config = copied.body.config;
    expect(config.year).toBe(2020);
    expect(config.name).toBe(campaign2019.name.replace('2019', '2020'));
    for (const part of [
      'districts',
      'sectors',
      'criteria',
      'weights',
      'voting',
      'judging',
      'forms',
      'contacts',
    ] as const)
      expect(config[part], part).toEqual(campaign2019[part]);
    expect(config).toMatchObject({ schedule: {}, autoAdvance: false, timing: { minPublicityDays: 7 } });
    expect(config.timing.deadlines).toBeUndefined();

    const audit = await api('GET', `/campaigns/${copied.body.id}/audit`, { token: admin });
    expect(audit.body.entries).toEqual([
      expect.objectContaining({ action: 'campaign.created', by: 'admin', details: { copiedFrom: cid } }),
    ]);

    const nominations = await api('GET', `/campaigns/${copied.body.id}/nominations`, { token: admin });
    expect(nominations.status).toBe(200);
    expect(nominations.body.nominations).toEqual([]);
    expect((await api('GET', `/campaigns/${copied.body.id}`)).status).toBe(404); // a draft: admins only

    const named = await api('POST', `/campaigns/${cid}/copy`, {
      token: admin,
      body: { year: 2031, name: '2031年度评选' },
    });
    expect(named.status).toBe(201);
    expect(named.body.config).toMatchObject({ year: 2031, name: '2031年度评选' });
  });

  it('refuses bad input, callers who are not admins and unknown campaigns', async () => {
    const admin = await login('admin');
    for (const body of [{ year: 1999 }, { year: '2020' }, { name: '' }, { copyNominations: true }]) {
      const refused = await api('POST', '/campaigns/jingmen-2019/copy', { token: admin, body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    const noBody = await api('POST', '/campaigns/jingmen-2019/copy', { token: admin });
    expect(noBody.status).toBe(400);
    const district = await api('POST', '/campaigns/jingmen-2019/copy', {
      token: await login('district-city'),
      body: {},
    });
    expect(district.status).toBe(403);
    const anonymous = await api('POST', '/campaigns/jingmen-2019/copy', { body: {} });
    expect(anonymous.status).toBe(401);
    const unknown = await api('POST', '/campaigns/no-such-campaign/copy', { token: admin, body: {} });
    expect(unknown.status).toBe(404);
  });
});
