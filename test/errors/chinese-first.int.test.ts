/**
 * Chinese first (issue 11, item 7): every refusal a person reads says it in Chinese (`message`), with the English
 * beside it (`messageEn`), through the local gateway; field messages too. Error codes are as they were.
 */
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, type ApiResponse, login } from '../support/api';
import { newCampaign } from '../nominations/support';

const HAN = /\p{Script=Han}/u;
/** English: Latin words, no Chinese (the refusals below name no Chinese label). */
const expectEnglish = (text: unknown, what: string) => {
  expect(text, what).toMatch(/[A-Za-z]{2,} [A-Za-z]{2,}/);
  expect(text, what).not.toMatch(HAN);
};

let cid: string;
let applicant: string;
let admin: string;

beforeAll(async () => {
  cid = await newCampaign();
  [applicant, admin] = await Promise.all([login('applicant-dongbao'), login('admin')]);
});

const star = { category: 'star', district: 'dongbao', sector: '医院', form: { name: '张三' } };

describe('refusals in Chinese first, English beside', () => {
  it('says every kind of refusal in Chinese with the English in messageEn, codes unchanged', async () => {
    const phone = `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    expect((await api('POST', '/voter/otp', { body: { phone } })).status).toBe(202);
    const cases: Array<[string, Promise<ApiResponse>, number, string]> = [
      [
        '400 bad body',
        api('POST', `/campaigns/${cid}/nominations`, { token: applicant, body: { ...star, category: 5 } }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        '400 not JSON',
        api('POST', `/campaigns/${cid}/nominations`, {
          token: applicant,
          rawBody: '{"category":',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'MALFORMED_JSON',
      ],
      [
        '401 no voter token',
        api('POST', `/campaigns/${cid}/votes`, { body: { candidateIds: ['x'] } }),
        401,
        'UNAUTHORIZED',
      ],
      [
        '403 another district',
        api('POST', `/campaigns/${cid}/nominations`, { token: applicant, body: { ...star, district: 'city' } }),
        403,
        'FORBIDDEN',
      ],
      ['403 missing role', api('POST', `/campaigns/${cid}/results/compute`, { token: applicant }), 403, 'FORBIDDEN'],
      ['404 unknown campaign', api('GET', '/campaigns/no-such-campaign'), 404, 'NOT_FOUND'],
      ['404 no such path', api('GET', '/no/such/path'), 404, 'NOT_FOUND'],
      ['409 wrong stage', api('POST', `/campaigns/${cid}/results/compute`, { token: admin }), 409, 'WRONG_STAGE'],
      [
        '409 invalid transition',
        api('POST', `/campaigns/${cid}/transitions`, { token: admin, body: { to: 'voting' } }),
        409,
        'INVALID_TRANSITION',
      ],
      [
        '422 rule',
        api('POST', `/campaigns/${cid}/nominations`, { token: applicant, body: { ...star, sector: '游戏' } }),
        422,
        'UNKNOWN_SECTOR',
      ],
      ['429 rate limited', api('POST', '/voter/otp', { body: { phone } }), 429, 'RATE_LIMITED'],
    ];
    for (const [what, response, status, code] of cases) {
      const { status: got, body } = await response;
      expect(got, `${what}: ${JSON.stringify(body)}`).toBe(status);
      expect(body.error.code, what).toBe(code);
      expect(body.error.message, what).toMatch(HAN);
      expectEnglish(body.error.messageEn, what);
    }
  });

  it('gives each field at fault in Chinese and English', async () => {
    const { status, body } = await api('POST', `/campaigns/${cid}/nominations`, {
      token: applicant,
      body: { category: 'team', district: 'dongbao', form: {}, extra: 1 },
    });
    expect(status).toBe(400);
    const fields = body.error.details.fields as Array<{ path: string; message: string; messageEn: string }>;
    expect(fields.map((f) => f.path).sort()).toEqual(['(body)', 'category', 'sector']);
    for (const field of fields) {
      expect(field.message, field.path).toMatch(HAN);
      expectEnglish(field.messageEn, field.path);
    }
    expect(fields.find((f) => f.path === 'sector')).toEqual({
      path: 'sector',
      message: '必填',
      messageEn: 'is required',
    });
    expect(body.error.message).toMatch(/^请求内容有误：/);
    expect(body.error.messageEn).toMatch(/^The request body is not valid: /);
  });
});
