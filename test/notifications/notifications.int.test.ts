/**
 * Notifications through the API and the local system's worker (1-second tick): each trigger reaches the contact who
 * opted in and nobody else, within the campaign's budget, audited with the phone masked, sent once however often
 * it is asked for or retried, and the texts carry no one else's personal data.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import type { Category } from '../../shared/campaigns/schema';
import type { NominationForm } from '../../shared/nominations/forms';
import type { Nomination, NominationStatus } from '../../shared/nominations/nomination';
import { createNotificationRepository } from '../../shared/notifications/notification-repository';
import { sendPending, type WorkerDeps } from '../../shared/notifications/notifications';
import { createCampaignRepository } from '../../shared/campaigns/campaign-repository';
import { createVoterRepository } from '../../shared/voters/voter-repository';
import { createAuditRepository } from '../../shared/audit/audit-repository';
import { createObjectionRepository } from '../../shared/objections/objection-repository';
import { demoUsers } from '../../infra/local/demo-users';
import { PERSONAL, campaignOnNotice } from '../candidates/support';
import { starForm, windowForm } from '../nominations/fixtures';
import { moveTo, newCampaign, repository } from '../nominations/support';
import { until } from '../results/support';
import { api, login } from '../support/api';

const tableName = process.env.TABLE_NAME!;
const mobile = () => `13${randomInt(5, 10)}${String(randomInt(0, 1e8)).padStart(8, '0')}`;

interface OutboxMessage {
  phone: string;
  message: string;
}
const outbox = async (phone: string): Promise<OutboxMessage[]> =>
  (await api('GET', `/local/outbox?phone=${phone}`)).body.messages ?? [];
/** The first message to `phone` containing `text`, once the worker has sent it. */
const received = (phone: string, text: string) =>
  until(`a message containing ${text}`, async () => (await outbox(phone)).find((m) => m.message.includes(text)), 30);

const audit = async (cid: string) => {
  const page = await api('GET', `/campaigns/${cid}/audit?limit=200`, { token: await login('admin') });
  expect(page.status).toBe(200);
  return page.body.entries as Array<{ action: string; subject?: string; details?: Record<string, unknown> }>;
};
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** A nomination stored directly in `status`, its contact's mobile and consent as given. */
const seed = async (
  cid: string,
  {
    category,
    name,
    contact,
    consent,
    status,
    district = 'zhanghe',
  }: {
    category: Category;
    name: string;
    contact: string;
    consent?: string;
    status: NominationStatus;
    district?: string;
  },
): Promise<Nomination> => {
  const applicant = demoUsers.find((u) => u.username === `applicant-${district}`)!;
  const at = new Date().toISOString();
  const extra: NominationForm = consent ? { smsConsent: consent } : {};
  const form =
    category === 'star'
      ? starForm({ name, mobile: contact, ...extra })
      : windowForm({ unitName: name, handlerMobile: contact, ...extra });
  const nomination: Nomination = {
    id: `${cid}.${randomBytes(8).toString('hex')}`,
    campaignId: cid,
    category,
    district,
    department: applicant.department!,
    unit: applicant.unit!,
    owner: applicant.username,
    sector: '供水',
    form,
    status,
    history: [{ status, at, by: 'seed' }],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await repository().create(
    nomination,
    { campaignId: cid, at, by: 'seed', action: 'test.seeded', subject: nomination.id },
    'nomination',
  );
  return nomination;
};

describe('a nomination contact who opted in is told of the review decisions', () => {
  it('returned, approved and rejected reach the opted-in contacts only, audited with the phone masked', async () => {
    const admin = await login('admin');
    const cid = await newCampaign();
    const [returnedPhone, approvedPhone, rejectedPhone, silentPhone, refusedPhone] = [
      mobile(),
      mobile(),
      mobile(),
      mobile(),
      mobile(),
    ];
    const submitted = await seed(cid, {
      category: 'star',
      name: '退回明星',
      contact: returnedPhone,
      consent: '同意',
      status: 'submitted',
    });
    const approved = await seed(cid, {
      category: 'window',
      name: '通过窗口',
      contact: approvedPhone,
      consent: '同意',
      status: 'forwarded',
    });
    const rejected = await seed(cid, {
      category: 'star',
      name: '未通过明星',
      contact: rejectedPhone,
      consent: '同意',
      status: 'forwarded',
    });
    const silent = await seed(cid, { category: 'star', name: '未同意明星', contact: silentPhone, status: 'forwarded' });
    const refused = await seed(cid, {
      category: 'window',
      name: '不同意窗口',
      contact: refusedPhone,
      consent: '不同意',
      status: 'forwarded',
    });

    const endorse = await api('POST', `/nominations/${submitted.id}/endorse`, {
      token: await login('dept-zhanghe'),
      body: { decision: 'return', opinion: '材料不全，请补充' },
    });
    expect(endorse.status, JSON.stringify(endorse.body)).toBe(200);
    await moveTo(cid, 'review');
    const review = async (nid: string, decision: string) => {
      const r = await api('POST', `/nominations/${nid}/review`, { token: admin, body: { decision, reason: '初审' } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await review(approved.id, 'approve');
    await review(rejected.id, 'reject');
    await review(silent.id, 'approve');
    await review(refused.id, 'approve');

    const returnedText = (await received(returnedPhone, '已被退回')).message;
    expect(returnedText).toContain(campaign2019.name);
    expect(returnedText).toContain('优质服务明星“退回明星”');
    expect((await received(approvedPhone, '已通过初审')).message).toContain('优质服务窗口“通过窗口”');
    expect((await received(rejectedPhone, '未通过初审')).message).toContain('“未通过明星”');
    // Give the worker two more ticks: nothing ever reaches the contacts who did not opt in.
    await sleep(2500);
    expect(await outbox(silentPhone)).toEqual([]);
    expect(await outbox(refusedPhone)).toEqual([]);
    for (const phone of [returnedPhone, approvedPhone, rejectedPhone]) expect(await outbox(phone)).toHaveLength(1);

    const entries = await audit(cid);
    const sent = entries.filter((e) => e.action === 'notification.sent');
    expect(sent.map((e) => e.details?.trigger).sort()).toEqual([
      'nomination.approved',
      'nomination.rejected',
      'nomination.returned',
    ]);
    expect(sent.find((e) => e.details?.about === approved.id)?.details).toMatchObject({
      channel: 'sms',
      recipient: 'contact',
      to: masked(approvedPhone),
    });
    const trail = JSON.stringify(entries);
    for (const phone of [returnedPhone, approvedPhone, rejectedPhone, silentPhone, refusedPhone])
      expect(trail).not.toContain(phone);
  });
});

describe('objectors who asked are told the ruling', () => {
  it('names the candidate as the public list does, never anyone’s phone; the objector who did not ask hears nothing', async () => {
    const { cid, seeded } = await campaignOnNotice([
      { name: '异议明星', category: 'star', district: 'city', sector: '税务' },
    ]);
    const candidate = seeded[0]!;
    const fileAs = async (phone: string, notify?: boolean) => {
      const token = await voterTokenFor(phone);
      const filed = await api('POST', `/campaigns/${cid}/candidates/${candidate.id}/objections`, {
        token,
        body: { name: '王先生', phone, content: '该候选人服务态度存在问题，请核实。', ...(notify ? { notify } : {}) },
      });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      expect(filed.body.notify).toBe(notify === true);
      return filed.body.id as string;
    };
    const [asked, silent] = [mobile(), mobile()];
    const askedId = await fileAs(asked, true);
    const silentId = await fileAs(silent);
    const ruled = await api('POST', `/campaigns/${cid}/objections/rulings`, {
      token: await login('admin'),
      body: { decision: 'dismiss', reason: '经核实不属实', objectionIds: [askedId, silentId] },
    });
    expect(ruled.status, JSON.stringify(ruled.body)).toBe(200);

    const text = (await received(asked, '异议已处理')).message;
    expect(text).toContain('优质服务明星候选“异议明星”');
    expect(text).toContain('异议不成立');
    for (const personal of [asked, silent, PERSONAL.mobile, PERSONAL.birthMonth, PERSONAL.nativePlace, '王先生'])
      expect(text).not.toContain(personal);
    await sleep(2500);
    // The silent objector's only message is the one-time code they signed in with.
    expect((await outbox(silent)).filter((m) => m.message.includes('异议'))).toEqual([]);
  });
});

/** A voter session for `phone` (the code read from the local outbox). */
const voterTokenFor = async (phone: string): Promise<string> => {
  expect((await api('POST', '/voter/otp', { body: { phone } })).status).toBe(202);
  const code = await until(
    'the code',
    async () => (await api('GET', `/local/outbox?phone=${phone}`)).body.messages?.[0]?.code as string | undefined,
  );
  const session = await api('POST', '/voter/session', { body: { phone, code } });
  expect(session.status, JSON.stringify(session.body)).toBe(200);
  return session.body.token;
};

describe('results announced', () => {
  it('tells each opted-in candidate contact once when the campaign moves to announcement', async () => {
    const [toldPhone, silentPhone] = [mobile(), mobile()];
    const cid = await newCampaign();
    await seed(cid, { category: 'star', name: '公布明星', contact: toldPhone, consent: '同意', status: 'approved' });
    await seed(cid, { category: 'star', name: '沉默明星', contact: silentPhone, status: 'approved', district: 'city' });
    await moveTo(cid, 'review');
    await moveTo(cid, 'publicity');
    await moveTo(cid, 'voting');
    await moveTo(cid, 'scoring');
    const admin = await login('admin');
    await until('results', async () =>
      (await api('GET', `/campaigns/${cid}/results`, { token: admin })).status === 200 ? true : undefined,
    );
    await moveTo(cid, 'announcement');
    expect((await received(toldPhone, '评选结果已公布')).message).toContain(campaign2019.name);
    await sleep(2500);
    expect(await outbox(toldPhone)).toHaveLength(1);
    expect(await outbox(silentPhone)).toEqual([]);
  });
});

describe('the daily budget', () => {
  it('sends up to the campaign budget; the rest is not sent, and recorded', async () => {
    const admin = await login('admin');
    const cid = await newCampaign();
    const patched = await api('PATCH', `/campaigns/${cid}`, {
      token: admin,
      body: { notifications: { dailyBudget: 1 } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const phones = [mobile(), mobile(), mobile()];
    const seeded = [];
    for (const [i, phone] of phones.entries())
      seeded.push(
        await seed(cid, { category: 'star', name: `预算${i}`, contact: phone, consent: '同意', status: 'forwarded' }),
      );
    await moveTo(cid, 'review');
    for (const n of seeded)
      expect(
        (
          await api('POST', `/nominations/${n.id}/review`, {
            token: admin,
            body: { decision: 'approve', reason: '好' },
          })
        ).status,
      ).toBe(200);
    const outcomes = await until('every notification settled', async () => {
      const entries = (await audit(cid)).filter((e) => e.action.startsWith('notification.'));
      return entries.length === 3 ? entries : undefined;
    });
    expect(outcomes.map((e) => e.action).sort()).toEqual([
      'notification.over-budget',
      'notification.over-budget',
      'notification.sent',
    ]);
    const delivered = (await Promise.all(phones.map(outbox))).flat();
    expect(delivered).toHaveLength(1);
    // None of the numbers (a pattern for any mobile would also match digits inside the entries' random ids).
    for (const phone of phones) expect(JSON.stringify(outcomes)).not.toContain(phone);
  });

  it('refuses a budget that is not a whole number from 0 to 100000', async () => {
    const admin = await login('admin');
    const cid = await newCampaign();
    for (const dailyBudget of [-1, 1.5, 100_001, '10'])
      expect(
        (await api('PATCH', `/campaigns/${cid}`, { token: admin, body: { notifications: { dailyBudget } } })).status,
      ).toBe(400);
  });
});

describe('judging reminders', () => {
  it('reminds the opted-in judges with missing scores, once a day, and refuses bad input and wrong callers', async () => {
    const admin = await login('admin');
    const { cid } = await campaignOnNotice([
      { name: '评审甲', category: 'star', district: 'city', sector: '税务' },
      { name: '评审乙', category: 'window', district: 'dongbao', sector: '医院' },
    ]);
    for (const [i, username] of ['judge-1', 'judge-2', 'judge-3'].entries())
      expect(
        (
          await api('POST', `/campaigns/${cid}/judges`, {
            token: admin,
            body: { username, name: `专家${i}`, district: 'city', unit: 'city-trade-union' },
          })
        ).status,
      ).toBe(201);
    const phone = mobile();
    const path = `/campaigns/${cid}/judging-reminders`;
    const optIn = await api('PUT', path, { token: await login('judge-1'), body: { consent: true, phone } });
    expect(optIn.status, JSON.stringify(optIn.body)).toBe(200);
    expect(optIn.body).toMatchObject({ judge: 'judge-1', consent: true, phone: masked(phone) });
    // judge-2 by e-mail only; judge-3 opted in, then out.
    const email = `judge2-${randomBytes(4).toString('hex')}@example.org`;
    expect((await api('PUT', path, { token: await login('judge-2'), body: { consent: true, email } })).status).toBe(
      200,
    );
    const j3 = await login('judge-3');
    expect((await api('PUT', path, { token: j3, body: { consent: true, phone: mobile() } })).status).toBe(200);
    expect((await api('PUT', path, { token: j3, body: { consent: false } })).status).toBe(200);

    const first = await api('POST', path, { token: admin, body: {} });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      reminded: [
        { judge: 'judge-1', missing: 2 },
        { judge: 'judge-2', missing: 2 },
      ],
      alreadyRemindedToday: [],
      notOptedIn: ['judge-3'],
      complete: [],
    });
    const again = await api('POST', path, { token: admin, body: { judges: ['judge-1'] } });
    expect(again.body).toMatchObject({ reminded: [], alreadyRemindedToday: ['judge-1'] });
    expect((await received(phone, '评审提醒')).message).toContain('您还有2项评分未完成');
    const mailed = await until(
      'the e-mail',
      async () => (await api('GET', `/local/outbox?email=${email}`)).body.messages?.[0],
    );
    expect(mailed.message).toContain('评审提醒');
    await sleep(2500);
    expect(await outbox(phone)).toHaveLength(1);
    const sent = (await audit(cid)).filter((e) => e.action === 'notification.sent');
    expect(sent.map((e) => e.details?.to).sort()).toEqual([masked(phone), `j***@example.org`].sort());

    // Bad input and wrong callers.
    const bad = [
      { judges: ['nobody'] },
      { judges: [] },
      { judges: ['judge-1', 'judge-1'] },
      { judges: 'judge-1' },
      { extra: true },
    ];
    for (const body of bad) expect((await api('POST', path, { token: admin, body })).status).toBe(400);
    expect(
      (await api('POST', path, { token: admin, rawBody: '{', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(400);
    const j1 = await login('judge-1');
    for (const body of [
      { consent: true },
      { consent: true, phone: '12345' },
      { consent: 'yes' },
      { consent: true, email: 'x' },
    ])
      expect((await api('PUT', path, { token: j1, body })).status).toBe(400);
    expect((await api('POST', path, { token: j1, body: {} })).status).toBe(403);
    expect((await api('PUT', path, { token: admin, body: { consent: false } })).status).toBe(403);
    expect((await api('PUT', path, { token: await login('applicant-city'), body: { consent: false } })).status).toBe(
      403,
    );
    expect((await api('POST', path, { body: {} })).status).toBe(401);
    expect(
      (await api('POST', `/campaigns/no-such-campaign/judging-reminders`, { token: admin, body: {} })).status,
    ).toBe(404);
  });

  it('refuses reminders while judging is not open', async () => {
    const cid = await newCampaign();
    const r = await api('POST', `/campaigns/${cid}/judging-reminders`, { token: await login('admin'), body: {} });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'JUDGING_NOT_OPEN', message: '评审未在进行中，不能发送评分提醒' });
  });
});

describe('bad consent input', () => {
  it('refuses a consent other than 同意 or 不同意 on the form, and a notify that is not a boolean', async () => {
    const cid = await newCampaign();
    const applicant = await login('applicant-dongbao');
    const draft = (smsConsent: unknown) =>
      api('POST', `/campaigns/${cid}/nominations`, {
        token: applicant,
        body: { category: 'star', district: 'dongbao', sector: '医院', form: { name: '张三', smsConsent } },
      });
    for (const consent of ['也许', true, ['同意']]) {
      const refused = await draft(consent);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body.error.details.fields)).toContain('smsConsent');
    }
    expect((await draft('同意')).status).toBe(201);

    const { cid: onNotice, seeded } = await campaignOnNotice([
      { name: '输入明星', category: 'star', district: 'city', sector: '税务' },
    ]);
    const phone = mobile();
    const token = await voterTokenFor(phone);
    const file = (notify: unknown) =>
      api('POST', `/campaigns/${onNotice}/candidates/${seeded[0]!.id}/objections`, {
        token,
        body: { name: '王先生', phone, content: '该候选人服务态度存在问题，请核实。', notify },
      });
    for (const notify of ['yes', 1, null]) expect((await file(notify)).status).toBe(400);
  });
});

describe('each notification is sent at most once', () => {
  const notifications = createNotificationRepository({ tableName });
  /** A draft campaign: the local worker leaves drafts alone, so only the senders of the test send. */
  const draftCampaign = async () => {
    const created = await api('POST', '/campaigns', { token: await login('admin'), body: campaign2019 });
    expect(created.status).toBe(201);
    const campaign = await createCampaignRepository({ tableName }).get(created.body.id);
    return campaign!;
  };
  const deps = (sms: WorkerDeps['sms']): WorkerDeps => ({
    audit: createAuditRepository({ tableName }),
    campaigns: createCampaignRepository({ tableName }),
    nominations: repository(),
    objections: createObjectionRepository({ tableName }),
    notifications,
    consumeBudget: (w) => createVoterRepository({ tableName }).consumeBudget(w),
    sms,
  });
  const notification = (campaignId: string, id: string) => ({
    id,
    campaignId,
    channel: 'sms' as const,
    to: `+86${mobile()}`,
    text: '测试',
    trigger: 'test',
    recipient: 'contact' as const,
    subject: 'n1',
    createdAt: new Date().toISOString(),
  });

  it('stores a notification once however often it is enqueued, and concurrent senders send it once', async () => {
    const campaign = await draftCampaign();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => notifications.enqueue(notification(campaign.id, 'dup'))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const sent: string[] = [];
    const sms: WorkerDeps['sms'] = async (to) => {
      await sleep(50);
      sent.push(to);
    };
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => sendPending(campaign, deps(sms))));
    expect(sent).toHaveLength(1);
    expect(outcomes.reduce((n, o) => n + o.sent, 0)).toBe(1);
    expect(await notifications.pending(campaign.id)).toEqual([]);
  });

  it('tries a refused send again, up to three attempts in all, and records each outcome', async () => {
    const campaign = await draftCampaign();
    const flaky = notification(campaign.id, 'flaky');
    const broken = notification(campaign.id, 'broken');
    await notifications.enqueue(flaky);
    await notifications.enqueue(broken);
    const calls = new Map<string, number>();
    const delivered: string[] = [];
    const sms: WorkerDeps['sms'] = async (to) => {
      calls.set(to, (calls.get(to) ?? 0) + 1);
      if (to === broken.to || calls.get(to) === 1) throw new Error('provider refused');
      delivered.push(to);
    };
    expect(await sendPending(campaign, deps(sms))).toMatchObject({ sent: 0, retrying: 2, failed: 0 });
    expect(await sendPending(campaign, deps(sms))).toMatchObject({ sent: 1, retrying: 1, failed: 0 });
    expect(await sendPending(campaign, deps(sms))).toMatchObject({ sent: 0, retrying: 0, failed: 1 });
    expect(await sendPending(campaign, deps(sms))).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    // Enqueued again (a retried trigger): a duplicate, not sent again.
    expect(await notifications.enqueue(flaky)).toBe(false);
    expect(await sendPending(campaign, deps(sms))).toMatchObject({ sent: 0 });
    expect(delivered).toEqual([flaky.to]);
    expect(calls.get(broken.to)).toBe(3);
    const entries = await audit(campaign.id);
    expect(entries.filter((e) => e.action.startsWith('notification.')).map((e) => [e.action, e.subject])).toEqual(
      expect.arrayContaining([
        ['notification.sent', 'flaky'],
        ['notification.failed', 'broken'],
      ]),
    );
    expect(JSON.stringify(entries)).not.toContain(broken.to.slice(3));
  });
});
