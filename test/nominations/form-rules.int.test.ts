/**
 * The notice's conditions and form details through the API (issue 11, items 2, 5, 6): declarations
 * made on submit and confirmed at endorsement, certificate copies when honours are claimed, 其他
 * among the hobbies with its text, the district's return to the department, and the paper copies
 * recorded and (when configured) required for approval. Bad input and wrong callers change nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import type { Nomination } from '../../shared/nominations/nomination';
import { api, login } from '../support/api';
import type { NominationForm } from '../../shared/nominations/forms';
import { allDeclarations, starForm } from './fixtures';
import { moveTo, newCampaign, stored, verifiedUploads } from './support';

let cid: string;
let applicant: string;
let dept: string;
let district: string;
let admin: string;

beforeAll(async () => {
  cid = await newCampaign();
  applicant = await login('applicant-dongbao');
  dept = await login('dept-dongbao');
  district = await login('district-dongbao');
  admin = await login('admin');
});

/**
 * A star draft of applicant-dongbao filed through the API (the complete fixture form without the fields named in
 * `without`, with `form` on top) and its photos verified.
 */
const draftWith = async (form: NominationForm, { campaignId = cid, without = [] as string[] } = {}) => {
  const fields = Object.fromEntries(Object.entries(starForm(form)).filter(([key]) => !without.includes(key)));
  const created = await api('POST', `/campaigns/${campaignId}/nominations`, {
    token: applicant,
    body: { category: 'star', district: 'dongbao', sector: '医院', form: fields },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await verifiedUploads(created.body, { activity_photo: 3, portrait: 1 });
  return created.body as Nomination;
};

const submit = (nid: string) => api('POST', `/nominations/${nid}/submit`, { token: applicant });

/** A submitted star nomination, honours with their certificate, ready for its department. */
const submittedNomination = async () => {
  const nomination = await draftWith({});
  await verifiedUploads(nomination, { certificate: 1 });
  const submitted = await submit(nomination.id);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  await verifiedUploads(submitted.body, { endorsement_scan: 1 });
  return submitted.body as Nomination;
};

const endorse = (nid: string, body: unknown, token = dept) =>
  api('POST', `/nominations/${nid}/endorse`, { token, body });

const endorsedNomination = async () => {
  const nomination = await submittedNomination();
  const endorsed = await endorse(nomination.id, {
    decision: 'endorse',
    opinion: '同意推荐',
    confirmed: allDeclarations(),
  });
  expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(200);
  return endorsed.body as Nomination;
};

describe('declarations', () => {
  it('serves them on both forms with each statement', async () => {
    for (const category of ['star', 'window']) {
      const form = await api('GET', `/campaigns/${cid}/forms/${category}`);
      expect(form.body.properties.declarations).toMatchObject({
        title: '申报承诺',
        type: 'array',
        items: { enum: ['一线窗口', '无过错投诉', '廉洁奉公'] },
      });
      expect(form.body.properties.declarations.description).toContain('一年内没有发生过错性群众投诉事件');
    }
  });

  it('refuses to submit without each declaration, listing the missing ones, and changes nothing', async () => {
    const none = await draftWith({ declarations: [] });
    const refused = await submit(none.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('DECLARATIONS_MISSING');
    expect(refused.body.error.details.missing.map((m: any) => m.declaration)).toEqual([
      '一线窗口',
      '无过错投诉',
      '廉洁奉公',
    ]);
    expect(refused.body.error.details.missing[0]).toMatchObject({ field: 'declarations', text: expect.any(String) });
    expect(refused.body.error.message).toContain('申报承诺');
    expect(refused.body.error.messageEn).toContain('declaration');
    expect(await stored(none.id)).toEqual(none);

    const some = await draftWith({ declarations: ['廉洁奉公'] });
    const partly = await submit(some.id);
    expect(partly.body.error.code).toBe('DECLARATIONS_MISSING');
    expect(partly.body.error.details.missing.map((m: any) => m.declaration)).toEqual(['一线窗口', '无过错投诉']);
  });

  it('refuses unknown or repeated declarations as bad input', async () => {
    const nomination = await draftWith({});
    const patch = (declarations: unknown) =>
      api('PATCH', `/nominations/${nomination.id}`, { token: applicant, body: { form: { declarations } } });
    for (const bad of [['一线窗口', '一线窗口'], ['愿意'], '一线窗口', [1], [...allDeclarations(), '廉洁奉公']]) {
      expect((await patch(bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect(await stored(nomination.id)).toEqual(nomination);
  });

  it('needs the department to confirm each one to endorse, and keeps what it confirmed', async () => {
    const nomination = await submittedNomination();
    const none = await endorse(nomination.id, { decision: 'endorse', opinion: '同意推荐' });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('DECLARATIONS_UNCONFIRMED');
    expect(none.body.error.details.missing.map((m: any) => m.declaration)).toEqual([
      '一线窗口',
      '无过错投诉',
      '廉洁奉公',
    ]);
    const two = await endorse(nomination.id, {
      decision: 'endorse',
      opinion: '同意推荐',
      confirmed: ['一线窗口', '廉洁奉公'],
    });
    expect(two.body.error.details.missing.map((m: any) => m.declaration)).toEqual(['无过错投诉']);
    for (const confirmed of [['其他'], ['廉洁奉公', '廉洁奉公'], '一线窗口']) {
      const bad = await endorse(nomination.id, { decision: 'endorse', opinion: '同意推荐', confirmed });
      expect(bad.status, JSON.stringify(confirmed)).toBe(400);
    }
    expect(await stored(nomination.id)).toEqual(nomination);

    // Returning to the applicant needs no confirmation.
    const endorsed = await endorse(nomination.id, {
      decision: 'endorse',
      opinion: '同意推荐',
      confirmed: allDeclarations(),
    });
    expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(200);
    expect(endorsed.body.endorsement).toMatchObject({ by: 'dept-dongbao', confirmed: allDeclarations() });
  });
});

describe('certificate copies and hobbies', () => {
  it('needs a verified certificate copy when honours are claimed, and none without honours', async () => {
    const honours = await draftWith({ honours: '2018年度优秀护士' });
    const refused = await submit(honours.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('SUBMISSION_INCOMPLETE');
    expect(refused.body.error.details.missing).toEqual([
      expect.objectContaining({ field: 'uploads.certificate', label: '获奖证书复印件' }),
    ]);
    await verifiedUploads(honours, { certificate: 1 });
    expect((await submit(honours.id)).body.status).toBe('submitted');

    const noHonours = await draftWith({}, { without: ['honours'] });
    expect((await submit(noHonours.id)).body.status).toBe('submitted');
  });

  it('does not ask for certificate copies in a campaign configured without them', async () => {
    const created = await api('POST', '/campaigns', {
      token: admin,
      body: { ...campaign2019, forms: { ...campaign2019.forms, certificatesRequired: false } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.config.forms.certificatesRequired).toBe(false);
    await moveTo(created.body.id, 'nomination');
    const nomination = await draftWith({ honours: '2018年度优秀护士' }, { campaignId: created.body.id });
    expect((await submit(nomination.id)).body.status).toBe('submitted');
  });

  it('takes free text for 其他 among the hobbies: needed with 其他, refused without it, length-limited', async () => {
    const other = await draftWith({ hobbies: ['唱歌', '其他'] });
    const refused = await submit(other.id);
    expect(refused.body.error.code).toBe('SUBMISSION_INCOMPLETE');
    expect(refused.body.error.details.missing.map((m: any) => m.field)).toContain('hobbiesOther');
    const tooLong = await api('PATCH', `/nominations/${other.id}`, {
      token: applicant,
      body: { form: { hobbiesOther: '书'.repeat(21) } },
    });
    expect(tooLong.status).toBe(400);
    const lineBreak = await api('PATCH', `/nominations/${other.id}`, {
      token: applicant,
      body: { form: { hobbiesOther: '书法\n摄影' } },
    });
    expect(lineBreak.status).toBe(400);
    await api('PATCH', `/nominations/${other.id}`, { token: applicant, body: { form: { hobbiesOther: '书法' } } });
    await verifiedUploads(other, { certificate: 1 });
    expect((await submit(other.id)).body.status).toBe('submitted');
    const print = await api('GET', `/nominations/${other.id}/print`, { token: applicant });
    expect(print.body).toContain('☑ 其他：书法');

    const textOnly = await draftWith({ hobbies: ['唱歌'], hobbiesOther: '书法' });
    const alone = await submit(textOnly.id);
    expect(alone.body.error.details.missing.map((m: any) => m.field)).toContain('hobbiesOther');
  });
});

describe("the district's return to the department", () => {
  it('sends an endorsed nomination back with the reason, kept in its history and audit; the department acts again', async () => {
    const nomination = await endorsedNomination();
    const returned = await api('POST', `/nominations/${nomination.id}/return`, {
      token: district,
      body: { reason: '评估意见未写明服务成效，请主管部门重新评估' },
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.status).toBe('submitted');
    expect(returned.body.endorsement).toBeUndefined();

    const seen = await api('GET', `/nominations/${nomination.id}`, { token: dept });
    expect(seen.body.history.at(-1)).toMatchObject({
      status: 'submitted',
      by: 'district-dongbao',
      note: '评估意见未写明服务成效，请主管部门重新评估',
      returnedBy: 'district',
    });
    const audit = await api('GET', `/campaigns/${cid}/audit?limit=200`, { token: admin });
    expect(
      (audit.body.entries as Array<{ action: string; subject?: string; reason?: string }>).find(
        (e) => e.subject === nomination.id && e.action === 'nomination.returned_by_district',
      ),
    ).toMatchObject({ reason: '评估意见未写明服务成效，请主管部门重新评估', from: 'endorsed', to: 'submitted' });

    // Not endorsed any more: no second return, no forward; the department endorses again.
    expect(
      (await api('POST', `/nominations/${nomination.id}/return`, { token: district, body: { reason: '再退' } })).status,
    ).toBe(409);
    expect((await api('POST', `/nominations/${nomination.id}/forward`, { token: district })).status).toBe(409);
    const again = await endorse(nomination.id, {
      decision: 'endorse',
      opinion: '已补充',
      confirmed: allDeclarations(),
    });
    expect(again.body.status).toBe('endorsed');
    expect((await api('POST', `/nominations/${nomination.id}/forward`, { token: district })).body.status).toBe(
      'forwarded',
    );
  });

  it('refuses wrong callers and bad reasons, changing nothing', async () => {
    const nomination = await endorsedNomination();
    const ret = (token: string, body: unknown) => api('POST', `/nominations/${nomination.id}/return`, { token, body });
    const cases: Array<[string, string, unknown, number]> = [
      ['its department', dept, { reason: '退回' }, 403],
      ['its applicant', applicant, { reason: '退回' }, 403],
      ['an admin', admin, { reason: '退回' }, 403],
      ['another district', await login('district-city'), { reason: '退回' }, 404],
      ['no reason', district, {}, 400],
      ['blank reason', district, { reason: '  ' }, 400],
      ['reason too long', district, { reason: '理'.repeat(1001) }, 400],
      ['bidi control', district, { reason: '\u202E退回' }, 400],
      ['extra field', district, { reason: '退回', status: 'draft' }, 400],
    ];
    for (const [name, token, body, status] of cases) {
      const response = await ret(token, body);
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(status);
    }
    expect(await stored(nomination.id)).toEqual(nomination);
  });

  it('lets only one of a return and a forward racing on the same nomination win', async () => {
    const nomination = await endorsedNomination();
    const [returned, forwarded] = await Promise.all([
      api('POST', `/nominations/${nomination.id}/return`, { token: district, body: { reason: '请重新评估' } }),
      api('POST', `/nominations/${nomination.id}/forward`, { token: district }),
    ]);
    expect([returned.status, forwarded.status].sort()).toEqual([200, 409]);
    const after = await stored(nomination.id);
    expect(after?.status).toBe(returned.status === 200 ? 'submitted' : 'forwarded');
    expect(after?.history.length).toBe(nomination.history.length + 1);
  });
});

describe('paper copies', () => {
  it('records who received how many and when, refuses bad input and wrong callers, and gates approval when configured', async () => {
    const draft = await draftWith({});
    const record = (nid: string, body: unknown, token = admin) =>
      api('POST', `/nominations/${nid}/paper-copies`, { token, body });
    expect((await record(draft.id, { copies: 2 })).status).toBe(409); // not submitted yet

    const forwarded = await endorsedNomination();
    expect((await api('POST', `/nominations/${forwarded.id}/forward`, { token: district })).status).toBe(200);
    const before = await stored(forwarded.id);
    const cases: Array<[string, unknown, number, string?]> = [
      ['no copies', {}, 400],
      ['zero copies', { copies: 0 }, 400],
      ['copies as text', { copies: '2' }, 400],
      ['fractional copies', { copies: 1.5 }, 400],
      ['receivedAt not a time', { copies: 2, receivedAt: '昨天' }, 400],
      ['receivedAt without offset', { copies: 2, receivedAt: '2019-07-08T10:00:00' }, 400],
      ['receivedAt in the future', { copies: 2, receivedAt: '2999-01-01T00:00:00+08:00' }, 422, 'RECEIVED_IN_FUTURE'],
      ['extra field', { copies: 2, by: 'someone' }, 400],
      ['blank note', { copies: 2, note: ' ' }, 400],
    ];
    for (const [name, body, status, code] of cases) {
      const response = await record(forwarded.id, body);
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(status);
      if (code) expect(response.body.error.code).toBe(code);
    }
    expect((await record(forwarded.id, { copies: 2 }, district)).status).toBe(403);
    expect((await record(forwarded.id, { copies: 2 }, dept)).status).toBe(403);
    expect((await record(forwarded.id, { copies: 2 }, await login('judge-1'))).status).toBe(404);
    expect(await stored(forwarded.id)).toEqual(before);

    await moveTo(cid, 'review');
    const patched = await api('PATCH', `/campaigns/${cid}`, { token: admin, body: { paperCopiesRequired: true } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);

    const approve = () =>
      api('POST', `/nominations/${forwarded.id}/review`, {
        token: admin,
        body: { decision: 'approve', reason: '符合' },
      });
    const none = await approve();
    expect(none.status).toBe(422);
    expect(none.body.error).toMatchObject({ code: 'PAPER_COPIES_MISSING', details: { needed: 2, recorded: 0 } });

    const one = await record(forwarded.id, { copies: 1, receivedAt: '2019-07-08T10:00:00+08:00', note: '缺一份' });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body.paperCopies).toMatchObject({
      copies: 1,
      receivedAt: '2019-07-08T02:00:00.000Z',
      note: '缺一份',
      by: 'admin',
    });
    expect((await approve()).body.error.details).toMatchObject({ recorded: 1 });

    const two = await record(forwarded.id, { copies: 2 });
    expect(two.body.paperCopies).toMatchObject({ copies: 2, by: 'admin' });
    expect(two.body.paperCopies.note).toBeUndefined();
    const audit = await api('GET', `/campaigns/${cid}/audit?limit=200`, { token: admin });
    expect(
      (audit.body.entries as Array<{ action: string; subject?: string }>).filter(
        (e) => e.subject === forwarded.id && e.action === 'nomination.paper_copies_recorded',
      ),
    ).toHaveLength(2);
    const approved = await approve();
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', paperCopies: { copies: 2 } });
  });
});
