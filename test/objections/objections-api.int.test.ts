/**
 * Objections on the public notice, through the local gateway: a verified voter files one in
 * `publicity` or `announcement` (voter token of the number given), rate-limited per voter and per
 * IP; admins list and rule once, one by one or several at once; upholding disqualifies the
 * candidate (who leaves the list); `voting` waits until none is open; the objector's phone never
 * reaches a public response or a log line; bad input changes nothing.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileObjectionRoute } from '../../functions/objections/file-objection';
import { serveRoutes } from '../../functions/runtime/http';
import { logger } from '../../shared/powertools';
import { lambdaContext } from '../../infra/local/invoke';
import type { Nomination } from '../../shared/nominations/nomination';
import { campaignInNomination, campaignOnNotice } from '../candidates/support';
import { stored } from '../nominations/support';
import { api, login } from '../support/api';
import { normalizeMobile } from '../../shared/voters/phone';
import { localOverrides } from '../../infra/local/adapters';
import { createVoterKeys } from '../../shared/voters/voter-keys';

let cid: string;
let upheldOne: Nomination;
let dismissedOne: Nomination;
let spamTarget: Nomination;
let admin: string;
// The route as its function serves it, called in-process (adapters built from the test's environment,
// the voter secret the local system generated).
const voterSecret = process.env.VOTER_SECRET!;
const fileHandler = serveRoutes([fileObjectionRoute], {
  overrides: localOverrides({ outboxDir: process.env.LOCAL_OUTBOX_DIR!, voterSecret }),
});

const objection = (phone = '13512340000', content = '该候选人曾多次对办事群众态度生硬，请核实。') => ({
  name: '张三',
  phone,
  content,
});
/** A voter token for the number, as POST /voter/session gives it (signed in-process: no SMS limits in the way). */
const tokenFor = async (phone: string) => {
  const keys = createVoterKeys(voterSecret);
  const now = Date.now();
  return keys.signToken({
    voterId: keys.voterId(normalizeMobile(phone)),
    firstSeenAt: new Date(now - 60_000),
    issuedAt: new Date(now - 1000),
    expiresAt: new Date(now + 3600_000),
  });
};
/** Files as the verified voter of the body's phone (or with the token given). */
const file = async (nid: string, body: { phone?: unknown }, campaign = cid, token?: string) =>
  api('POST', `/campaigns/${campaign}/candidates/${nid}/objections`, {
    body,
    token: token ?? (await tokenFor(String(body.phone))),
  });
const objections = async () => {
  const list = await api('GET', `/campaigns/${cid}/objections`, { token: admin });
  expect(list.status).toBe(200);
  return list.body.objections as Array<{
    id: string;
    nominationId: string;
    status: string;
    phone: string;
    ruling?: { decision: string; reason: string; by: string };
  }>;
};
const rule = (oid: string, body: unknown, token = admin) => api('POST', `/objections/${oid}/ruling`, { token, body });

beforeAll(async () => {
  admin = await login('admin');
  const notice = await campaignOnNotice([
    { name: '甲候选人', category: 'star', district: 'city', sector: '税务' },
    { name: '乙候选人', category: 'window', district: 'dongbao', sector: '医院' },
    { name: '丙候选人', category: 'star', district: 'duodao', sector: '供电' },
  ]);
  cid = notice.cid;
  [upheldOne, dismissedOne, spamTarget] = notice.seeded as [Nomination, Nomination, Nomination];
});

describe('filing and ruling', () => {
  it('takes objections only from a verified voter, of the number verified', async () => {
    const phone = '13512340100';
    const path = `/campaigns/${cid}/candidates/${spamTarget.id}/objections`;
    expect((await api('POST', path, { body: objection(phone) })).status).toBe(401);
    expect((await api('POST', path, { body: objection(phone), token: 'v2.forged.token.a.b.c' })).status).toBe(401);
    const other = await file(spamTarget.id, objection(phone), cid, await tokenFor('13512340101'));
    expect(other.status).toBe(403);
    // The real voter flow: a code from the outbox, a session, then the objection.
    expect((await api('POST', '/voter/otp', { body: { phone } })).status).toBe(202);
    const { code } = (await api('GET', `/local/outbox?phone=${phone}`)).body.messages[0];
    const session = await api('POST', '/voter/session', { body: { phone, code } });
    const filed = await file(spamTarget.id, objection(phone), cid, session.body.token);
    expect(filed.status).toBe(201);
    expect((await objections()).find((o) => o.id === filed.body.id)).toMatchObject({
      phone,
      voterId: expect.any(String),
    });
    const ruled = await rule(filed.body.id, { decision: 'dismiss', reason: '测试' });
    expect(ruled.status).toBe(200);
  });

  it('takes an objection from a verified voter and answers without the phone', async () => {
    const filed = await file(upheldOne.id, objection('13512340001'));
    expect(filed.status).toBe(201);
    expect(filed.body).toEqual({
      id: expect.stringMatching(new RegExp(`^${cid}\\.`)),
      nominationId: upheldOne.id,
      status: 'open',
      // Whether the filer asked to be told the ruling (they did not).
      notify: false,
      createdAt: expect.any(String),
    });
    const listed = (await objections()).find((o) => o.id === filed.body.id);
    expect(listed).toMatchObject({ status: 'open', phone: '13512340001', name: '张三', candidateName: '甲候选人' });
  });

  it('refuses objections on anything but a standing candidate of the campaign (404)', async () => {
    const early = await campaignInNomination();
    expect((await file(`${cid}.0000000000000000`, objection())).status).toBe(404);
    expect((await file(early.nomination.id, objection())).status).toBe(404);
    expect((await file('not-even-an-id', objection())).status).toBe(404);
  });

  it('keeps voting closed while an objection is open', async () => {
    const dryRun = await api('GET', `/campaigns/${cid}/transitions`, { token: admin });
    expect(dryRun.body.next[0].preconditions).toContainEqual(
      expect.objectContaining({ key: 'no-open-objections', passed: false }),
    );
    const refused = await api('POST', `/campaigns/${cid}/transitions`, { token: admin, body: { to: 'voting' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.failed).toContainEqual(expect.objectContaining({ key: 'no-open-objections' }));
  });

  it('upholds: the candidate is disqualified with the ruling in its history and the audit trail, and leaves the list', async () => {
    const [open] = (await objections()).filter((o) => o.nominationId === upheldOne.id);
    const ruled = await rule(open!.id, { decision: 'uphold', reason: '经核实，情况属实。' });
    expect(ruled.status).toBe(200);
    expect(ruled.body).toMatchObject({
      status: 'upheld',
      candidateDisqualified: true,
      ruling: { decision: 'uphold', reason: '经核实，情况属实。', by: 'admin' },
    });
    expect(ruled.body.phone).toBeUndefined();
    const nomination = await stored(upheldOne.id);
    expect(nomination?.status).toBe('disqualified');
    expect(nomination?.history.at(-1)).toMatchObject({
      status: 'disqualified',
      by: 'admin',
      note: expect.stringContaining('经核实'),
    });
    const audit = await api('GET', `/campaigns/${cid}/audit`, { token: admin });
    const actions = (audit.body.entries as Array<{ action: string; subject: string }>).map(
      (e) => `${e.action} ${e.subject}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([`objection.upheld ${open!.id}`, `nomination.disqualified ${upheldOne.id}`]),
    );

    const list = await api('GET', `/campaigns/${cid}/candidates`);
    expect(list.body.candidates.map((c: { id: string }) => c.id)).not.toContain(upheldOne.id);
    expect((await api('GET', `/campaigns/${cid}/candidates/${upheldOne.id}`)).status).toBe(404);
    expect((await file(upheldOne.id, objection('13512340002'))).status).toBe(404);
  });

  it('refuses a second ruling on the same objection with 409, changing nothing', async () => {
    const [upheld] = (await objections()).filter((o) => o.nominationId === upheldOne.id);
    const again = await rule(upheld!.id, { decision: 'dismiss', reason: '改判' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RULED');
    expect((await objections()).find((o) => o.id === upheld!.id)).toMatchObject({
      status: 'upheld',
      ruling: { decision: 'uphold' },
    });
  });

  it('dismisses: the candidate stays, and voting opens once no objection is open', async () => {
    const filed = await file(dismissedOne.id, objection('13512340003'));
    const ruled = await rule(filed.body.id, { decision: 'dismiss', reason: '反映情况与事实不符。' });
    expect(ruled.body).toMatchObject({ status: 'dismissed', candidateDisqualified: false });
    expect((await stored(dismissedOne.id))?.status).toBe('approved');
    expect((await api('GET', `/campaigns/${cid}/candidates/${dismissedOne.id}`)).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('takes 5 objections per verified voter per hour, then 429 with retry-after', async () => {
    for (let i = 0; i < 5; i++) expect((await file(spamTarget.id, objection('13600000005'))).status).toBe(201);
    const refused = await file(spamTarget.id, objection('13600000005'));
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(JSON.stringify(refused.body)).not.toContain('13600000005');
    expect((await objections()).filter((o) => o.phone === '13600000005')).toHaveLength(5);
  });

  it('takes 20 objections per IP per hour, then 429; the phone is never in a log line, even when refused', async () => {
    const lines: string[] = [];
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, method).mockImplementation((...args) => void capture(args.join(' ')));
    // What the code hands the logger, whatever the level lets through.
    const logged = (['debug', 'info', 'warn', 'error', 'critical'] as const).map((level) => vi.spyOn(logger, level));
    const invoke = async (phone: string, body?: string) =>
      fileHandler(
        {
          resource: '/campaigns/{cid}/candidates/{nid}/objections',
          path: `/campaigns/${cid}/candidates/${spamTarget.id}/objections`,
          httpMethod: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(phone)}` },
          pathParameters: { cid, nid: spamTarget.id },
          queryStringParameters: null,
          body: body ?? JSON.stringify(objection(phone)),
          isBase64Encoded: false,
          requestContext: { identity: { sourceIp: '203.0.113.20' } },
        } as unknown as APIGatewayProxyEvent,
        lambdaContext('file-objection', 30),
      );
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await invoke(`1370000${String(i).padStart(4, '0')}`)).statusCode);
    const malformed = await invoke('13799998888', '{"name":"x","phone":"13799998888","content":');
    const invalid = await invoke('13799997777', JSON.stringify({ ...objection('13799997777'), content: '短' }));
    for (const spy of logged)
      for (const call of spy.mock.calls)
        lines.push(JSON.stringify(call, (_, v: unknown) => (v instanceof Error ? `${v.message} ${v.stack}` : v)));
    vi.restoreAllMocks();
    expect(statuses.slice(0, 20)).toEqual(new Array(20).fill(201));
    expect(statuses[20]).toBe(429);
    expect([malformed.statusCode, invalid.statusCode]).toEqual([400, 400]);
    expect(invalid.body).not.toContain('13799997777');
    expect(lines.join('\n')).toContain('Request refused'); // the logger's lines were captured
    // None of the numbers sent (a pattern for any mobile would also match digits inside the logged request ids).
    expect(lines.join('\n')).not.toMatch(/1370000\d{4}|13799998888|13799997777/);
  });

  it('rules every open objection at once, each ruling audited; then the campaign moves to voting, where filing is closed', async () => {
    const open = (await objections()).filter((o) => o.status === 'open').map((o) => o.id);
    const [ruledBefore] = (await objections()).filter((o) => o.status !== 'open');
    const rulings = (token: string, body: unknown) =>
      api('POST', `/campaigns/${cid}/objections/rulings`, { token, body });
    const body = { objectionIds: [...open, ruledBefore!.id], decision: 'dismiss', reason: '重复反映，不予采纳。' };
    expect((await rulings(await login('district-city'), body)).status).toBe(403);
    expect((await rulings(admin, { ...body, objectionIds: [] })).status).toBe(400);
    expect((await rulings(admin, { ...body, objectionIds: [open[0], open[0]] })).status).toBe(400);
    const bulk = await rulings(admin, body);
    expect(bulk.status).toBe(200);
    expect(open.length).toBeGreaterThan(20);
    expect(bulk.body.outcomes).toEqual([
      ...open.map((id) => ({ id, ruled: true, status: 'dismissed', candidateDisqualified: false })),
      {
        id: ruledBefore!.id,
        ruled: false,
        error: {
          code: 'ALREADY_RULED',
          message: expect.stringContaining('已有处理结果'),
          messageEn: expect.stringContaining('has been ruled on already'),
        },
      },
    ]);
    const audit = await api('GET', `/campaigns/${cid}/audit?limit=200`, { token: admin });
    const dismissed = new Set(
      (audit.body.entries as Array<{ action: string; subject: string; reason?: string }>)
        .filter((e) => e.action === 'objection.dismissed' && e.reason === body.reason)
        .map((e) => e.subject),
    );
    expect(open.every((id) => dismissed.has(id))).toBe(true);
    const moved = await api('POST', `/campaigns/${cid}/transitions`, { token: admin, body: { to: 'voting' } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const closed = await file(dismissedOne.id, objection('13512340009'));
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('OBJECTIONS_CLOSED');
  });
});

describe('bad input', () => {
  let early: { cid: string; nomination: Nomination };
  beforeAll(async () => {
    early = await campaignInNomination();
  });

  it('refuses objections before the notice (409) and in an unknown campaign (404)', async () => {
    const notYet = await file(early.nomination.id, objection(), early.cid);
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('NOT_PUBLIC_YET');
    expect((await file(spamTarget.id, objection(), 'no-such-campaign')).status).toBe(404);
  });

  it('refuses malformed filings with a clear 4xx and stores nothing', async () => {
    const before = (await objections()).length;
    const path = `/campaigns/${early.cid}/candidates/${early.nomination.id}/objections`;
    const target = `/campaigns/${cid}/candidates/${spamTarget.id}/objections`;
    const cases: Array<[string, Parameters<typeof api>[2], number]> = [
      ['not JSON', { rawBody: '{"name":', headers: { 'content-type': 'application/json' } }, 400],
      ['empty body', { rawBody: '' }, 400],
      ['a string', { body: 'objection' }, 400],
      ['wrong types', { body: { ...objection(), phone: 13512345678 } }, 400],
      ['missing content', { body: { name: '张三', phone: '13512345678' } }, 400],
      ['an extra field that would change state', { body: { ...objection(), status: 'upheld' } }, 400],
      ['a phone with +86', { body: objection('+8613512345678') }, 400],
      ['a phone of 10 digits', { body: objection('1351234567') }, 400],
      ['a landline', { body: objection('0724-2372245') }, 400],
      ['a phone with full-width digits', { body: objection('１３５１２３４５６７８') }, 400],
      ['content too short', { body: objection(undefined, '不好') }, 400],
      ['content too long', { body: objection(undefined, '长'.repeat(2001)) }, 400],
      ['content with a bidi override', { body: objection(undefined, '请核实这位候选人的情况\u202Egnp.exe') }, 400],
      [
        'content with a lone surrogate',
        {
          rawBody: '{"name":"张三","phone":"13512345678","content":"请核实这位候选人的情况\\ud800"}',
          headers: { 'content-type': 'application/json' },
        },
        400,
      ],
      ['a name with a zero-width space', { body: { ...objection(), name: '张\u200B三' } }, 400],
      ['a very long name', { body: { ...objection(), name: '名'.repeat(31) } }, 400],
      ['an oversized body', { body: { ...objection(), content: 'x'.repeat(20_000) } }, 413],
    ];
    const token = await tokenFor('13512345678');
    for (const [what, options, status] of cases) {
      const response = await api('POST', target, { ...options, token });
      expect(response.status, what).toBe(status);
      expect(response.body.error.code, what).toEqual(expect.any(String));
    }
    expect((await api('POST', path, { body: objection('13512345678'), token })).status).toBe(409);
    expect((await objections()).length).toBe(before);
  });

  it('counts characters, not bytes: 2000 emoji are accepted content', async () => {
    // The campaign is in voting now: the body is valid, so the answer is the stage's 409, not a 400.
    const response = await file(dismissedOne.id, objection('13512340010', '😀'.repeat(2000)));
    expect(response.status).toBe(409);
  });

  it('lets only admins list and rule, and refuses malformed rulings', async () => {
    const [any] = await objections();
    expect((await api('GET', `/campaigns/${cid}/objections`, { token: await login('applicant-city') })).status).toBe(
      403,
    );
    expect((await api('GET', `/campaigns/${cid}/objections`, { token: await login('district-city') })).status).toBe(
      403,
    );
    expect((await api('GET', `/campaigns/${cid}/objections`)).status).toBe(401);
    expect((await rule(any!.id, { decision: 'uphold', reason: 'x' }, await login('judge-1'))).status).toBe(403);
    expect(
      (await api('POST', `/objections/${any!.id}/ruling`, { body: { decision: 'uphold', reason: 'x' } })).status,
    ).toBe(401);
    const open = await file(spamTarget.id, objection('13512340011')); // voting: refused, so rule a fresh one elsewhere
    expect(open.status).toBe(409);
    for (const [what, body, status] of [
      ['unknown decision', { decision: 'maybe', reason: 'x' }, 400],
      ['missing reason', { decision: 'uphold' }, 400],
      ['blank reason', { decision: 'uphold', reason: '   ' }, 400],
      ['extra field', { decision: 'uphold', reason: 'x', status: 'dismissed' }, 400],
      ['wrong type', { decision: true, reason: 'x' }, 400],
    ] as Array<[string, unknown, number]>) {
      expect((await rule(any!.id, body)).status, what).toBe(status);
    }
    expect((await rule(`${cid}.0000000000000000`, { decision: 'uphold', reason: 'x' })).status).toBe(404);
    expect((await rule('no-dot-here', { decision: 'uphold', reason: 'x' })).status).toBe(404);
    expect(
      (await api('POST', '/objections/%E2%80%AE/ruling', { token: admin, body: { decision: 'uphold', reason: 'x' } }))
        .status,
    ).toBe(400);
    expect(
      (
        await api('POST', `/objections/${any!.id}/ruling`, {
          token: admin,
          rawBody: '{"decision":',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});
