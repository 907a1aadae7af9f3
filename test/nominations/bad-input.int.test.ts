/** Bad input on every nomination endpoint: a clear 4xx, never a 5xx, and nothing stored or changed. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Nomination } from '../../shared/nominations/nomination';
import { api, login } from '../support/api';
import { newCampaign, repository, seedNomination, stored } from './support';

let cid: string;
let draft: Nomination;
let submitted: Nomination;
let applicant: string;

beforeAll(async () => {
  cid = await newCampaign();
  applicant = await login('applicant-dongbao');
  draft = await seedNomination(cid, { district: 'dongbao', status: 'draft' });
  submitted = await seedNomination(cid, { district: 'dongbao', status: 'submitted' });
});

const valid = (form: Record<string, unknown> = {}) => ({
  category: 'star',
  district: 'dongbao',
  sector: '医院',
  form: { name: '张三', ...form },
});

/** Raw JSON text with a lone surrogate, which JSON.stringify would escape but a client may send. */
const withLoneSurrogate = JSON.stringify(valid()).replace('张三', '\\ud800张三');

describe('bad input', () => {
  it('refuses malformed bodies, wrong types, missing and extra fields and odd strings when drafting, storing nothing', async () => {
    const before = (await repository().listByCampaign(cid)).length;
    const raw = (rawBody: string) =>
      api('POST', `/campaigns/${cid}/nominations`, {
        token: applicant,
        rawBody,
        headers: { 'content-type': 'application/json' },
      });
    const post = (body: unknown) => api('POST', `/campaigns/${cid}/nominations`, { token: applicant, body });
    const cases: Array<[string, Promise<{ status: number; body: any }>, number, string?]> = [
      ['truncated JSON', raw('{"category":'), 400, 'MALFORMED_JSON'],
      ['empty body', raw(''), 400, 'MALFORMED_JSON'],
      ['a JSON array', raw('[]'), 400],
      ['a JSON string', raw('"star"'), 400],
      ['category of the wrong type', post({ ...valid(), category: 5 }), 400],
      ['unknown category', post({ ...valid(), category: 'team' }), 400],
      ['form as a string', post({ ...valid(), form: 'x' }), 400],
      ['missing form', post({ category: 'star', district: 'dongbao', sector: '医院' }), 400],
      ['extra top-level status', post({ ...valid(), status: 'approved' }), 400],
      ['extra form field', post(valid({ scores: [20, 20, 20, 20, 20] })), 400],
      ['field of the wrong type', post(valid({ name: ['张三'] })), 400],
      ['bad mobile', post(valid({ mobile: '12345' })), 400],
      ['very long name', post(valid({ name: '长'.repeat(10_000) })), 400],
      ['RTL override', post(valid({ name: '\u202E三张' })), 400],
      ['zero-width space', post(valid({ name: '张\u200B三' })), 400],
      ['lone surrogate', raw(withLoneSurrogate), 400],
      ['hobby not on the form', post(valid({ hobbies: ['篮球'] })), 400],
      ['oversized body', post(valid({ account: 'x'.repeat(70 * 1024) })), 413, 'PAYLOAD_TOO_LARGE'],
      ['unknown sector', post({ ...valid(), sector: '游戏' }), 422, 'UNKNOWN_SECTOR'],
      ['district of someone else', post({ ...valid(), district: 'city' }), 403],
      ['unknown campaign', api('POST', '/campaigns/no-such/nominations', { token: applicant, body: valid() }), 404],
    ];
    for (const [name, request, status, code] of cases) {
      const response = await request;
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(status);
      expect(response.body.error.message, name).toEqual(expect.any(String));
      if (code) expect(response.body.error.code, name).toBe(code);
    }
    expect((await repository().listByCampaign(cid)).length).toBe(before);
  });

  it('stores emoji and mixed scripts as given, counted as characters', async () => {
    const created = await api('POST', `/campaigns/${cid}/nominations`, {
      token: applicant,
      body: valid({ name: '张😀三', smileDeclaration: '微笑 😊 مرحبا' }),
    });
    expect(created.status).toBe(201);
    expect((await stored(created.body.id))?.form).toMatchObject({ name: '张😀三', smileDeclaration: '微笑 😊 مرحبا' });
  });

  it('names each field at fault with its label', async () => {
    const response = await api('POST', `/campaigns/${cid}/nominations`, {
      token: applicant,
      body: valid({ mobile: '1', birthMonth: '1990-13' }),
    });
    expect(response.status).toBe(400);
    const fields = response.body.error.details.fields as Array<{ path: string; message: string; messageEn: string }>;
    expect(fields.map((f) => f.path).sort()).toEqual(['birthMonth', 'mobile']);
    expect(fields.find((f) => f.path === 'mobile')).toMatchObject({
      message: expect.stringMatching(/^手机号码：须为 11 位/),
      messageEn: expect.stringMatching(/^手机号码: must be an 11-digit/),
    });
  });

  it('says a missing field "必填" / "is required" (not "expected string"), whatever its type', async () => {
    const dept = await login('dept-dongbao');
    const endorse = await api('POST', `/nominations/${submitted.id}/endorse`, {
      token: dept,
      body: { decision: 'return' },
    });
    expect(endorse.status).toBe(400);
    expect(endorse.body.error.message).toBe('请求内容有误：opinion：必填');
    expect(endorse.body.error.messageEn).toBe('The request body is not valid: opinion: is required');
    expect(endorse.body.error.details.fields).toEqual([{ path: 'opinion', message: '必填', messageEn: 'is required' }]);
    const create = await api('POST', `/campaigns/${cid}/nominations`, { token: applicant, body: { form: {} } });
    expect(create.status).toBe(400);
    expect(create.body.error.details.fields).toEqual([
      { path: 'category', message: '必填', messageEn: 'is required' },
      { path: 'district', message: '必填', messageEn: 'is required' },
      { path: 'sector', message: '必填', messageEn: 'is required' },
    ]);
    expect(JSON.stringify([endorse.body, create.body])).not.toMatch(/应为|expected|invalid input/i);
  });

  it('refuses bad edits and leaves the stored nomination as it was', async () => {
    const patch = (body: unknown) => api('PATCH', `/nominations/${draft.id}`, { token: applicant, body });
    for (const [name, request, status] of [
      [
        'malformed',
        api('PATCH', `/nominations/${draft.id}`, {
          token: applicant,
          rawBody: '{"form":{',
          headers: { 'content-type': 'application/json' },
        }),
        400,
      ],
      ['nothing to change', patch({}), 400],
      ['status smuggled in', patch({ status: 'approved' }), 400],
      ['district smuggled in', patch({ district: 'city' }), 400],
      ['form field smuggled in', patch({ form: { stage: 'voting' } }), 400],
      ['wrong type', patch({ form: { resume: 42 } }), 400],
      ['too long', patch({ form: { resume: '简'.repeat(601) } }), 400],
      ['unknown sector', patch({ sector: '游戏' }), 422],
      ['oversized', patch({ form: { deeds: '事'.repeat(30_000) } }), 413],
    ] as const) {
      const response = await request;
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(status);
    }
    expect(await stored(draft.id)).toEqual(draft);
  });

  it('refuses bad endorsements and reviews and leaves the nomination as it was', async () => {
    const dept = await login('dept-dongbao');
    const endorse = (body: unknown) => api('POST', `/nominations/${submitted.id}/endorse`, { token: dept, body });
    for (const [name, request, status] of [
      ['no body', api('POST', `/nominations/${submitted.id}/endorse`, { token: dept }), 400],
      ['unknown decision', endorse({ decision: 'maybe', opinion: '好' }), 400],
      ['missing opinion', endorse({ decision: 'return' }), 400],
      ['blank opinion', endorse({ decision: 'return', opinion: '   ' }), 400],
      ['opinion too long', endorse({ decision: 'return', opinion: '意'.repeat(1001) }), 400],
      ['bidi control in opinion', endorse({ decision: 'return', opinion: '\u202E意见' }), 400],
      ['extra field', endorse({ decision: 'endorse', opinion: '好', status: 'forwarded' }), 400],
      [
        'review with a wrong decision',
        api('POST', `/nominations/${submitted.id}/review`, {
          token: await login('admin'),
          body: { decision: 'yes', reason: 'r' },
        }),
        400,
      ],
      [
        'review of a nomination not forwarded',
        api('POST', `/nominations/${submitted.id}/review`, {
          token: await login('admin'),
          body: { decision: 'approve', reason: 'r' },
        }),
        409,
      ],
      [
        'forward of a nomination not endorsed',
        api('POST', `/nominations/${submitted.id}/forward`, { token: await login('district-dongbao') }),
        409,
      ],
      [
        'submit of a nomination already submitted',
        api('POST', `/nominations/${submitted.id}/submit`, { token: applicant }),
        409,
      ],
    ] as const) {
      const response = await request;
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(status);
    }
    expect(await stored(submitted.id)).toEqual(submitted);
  });

  it('refuses odd ids and query parameters with a 4xx', async () => {
    const admin = await login('admin');
    expect((await api('GET', '/nominations/%F0%9F%98%80', { token: admin })).status).toBe(400);
    expect((await api('GET', `/nominations/${'a'.repeat(300)}`, { token: admin })).status).toBe(400);
    expect((await api('GET', `/campaigns/${cid}/nominations?status=bogus`, { token: admin })).status).toBe(400);
    expect((await api('GET', `/campaigns/${cid}/nominations?owner=applicant-city`, { token: admin })).status).toBe(400);
    expect((await api('GET', `/nominations/${draft.id}`)).status).toBe(401);
  });
});
