/**
 * Who sees what: every role against nominations of its own and of others; ids you may not see are 404, never the data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Nomination } from '../../shared/nominations/nomination';
import { api, login } from '../support/api';
import { newCampaign, seedNomination, stored } from './support';

let cid: string;
let dongbao: Nomination;
let duodao: Nomination;

beforeAll(async () => {
  cid = await newCampaign();
  dongbao = await seedNomination(cid, { district: 'dongbao', category: 'star', status: 'submitted' });
  duodao = await seedNomination(cid, { district: 'duodao', category: 'window', status: 'endorsed' });
});

/** Who may read each: owner, its department, its district, admins. */
const readers = () => ({
  [dongbao.id]: ['admin', 'applicant-dongbao', 'dept-dongbao', 'district-dongbao'],
  [duodao.id]: ['admin', 'applicant-duodao', 'dept-duodao', 'district-duodao'],
});
const USERS = [
  'admin',
  'district-dongbao',
  'district-duodao',
  'dept-dongbao',
  'dept-duodao',
  'applicant-dongbao',
  'applicant-duodao',
  'judge-1',
];

describe('who sees what', () => {
  it('shows a nomination (and its print page) only to its owner, department, district and admins; 404 to everyone else', async () => {
    for (const username of USERS) {
      const token = await login(username);
      for (const nomination of [dongbao, duodao]) {
        const allowed = readers()[nomination.id]!.includes(username);
        const read = await api('GET', `/nominations/${nomination.id}`, { token });
        expect(read.status, `${username} GET ${nomination.district}`).toBe(allowed ? 200 : 404);
        if (!allowed)
          expect(JSON.stringify(read.body)).not.toContain(nomination.form.mobile ?? nomination.form.headMobile);
        const print = await api('GET', `/nominations/${nomination.id}/print`, { token });
        expect(print.status, `${username} print ${nomination.district}`).toBe(allowed ? 200 : 404);
      }
    }
  });

  it('lists for each role only what it may see; judges get 403', async () => {
    for (const username of USERS.filter((u) => u !== 'judge-1')) {
      const list = await api('GET', `/campaigns/${cid}/nominations`, { token: await login(username) });
      expect(list.status).toBe(200);
      const ids = (list.body.nominations as Nomination[]).map((n) => n.id).sort();
      const expected = [dongbao, duodao]
        .filter((n) => readers()[n.id]!.includes(username))
        .map((n) => n.id)
        .sort();
      expect(ids, username).toEqual(expected);
    }
    expect((await api('GET', `/campaigns/${cid}/nominations`, { token: await login('judge-1') })).status).toBe(403);
    expect((await api('GET', `/campaigns/${cid}/nominations`)).status).toBe(401);
  });

  it('filters the list by status, category and district', async () => {
    const admin = await login('admin');
    const ids = async (query: string) =>
      (
        (await api('GET', `/campaigns/${cid}/nominations?${query}`, { token: admin })).body.nominations as Nomination[]
      ).map((n) => n.id);
    expect(await ids('status=submitted')).toEqual([dongbao.id]);
    expect(await ids('category=window')).toEqual([duodao.id]);
    expect(await ids('district=duodao&status=endorsed')).toEqual([duodao.id]);
    expect(await ids('district=duodao&status=submitted')).toEqual([]);
    // A district asking for another district's list gets nothing of it.
    const other = await api('GET', `/campaigns/${cid}/nominations?district=duodao`, {
      token: await login('district-dongbao'),
    });
    expect(other.body.nominations).toEqual([]);
  });

  it("refuses steps on other users' nominations with 404 (not theirs to see) or 403 (seen, not theirs to act on), changing nothing", async () => {
    const cases: Array<[string, string, string, unknown, number]> = [
      ['applicant-duodao', 'PATCH', `/nominations/${dongbao.id}`, { sector: '银行' }, 404],
      ['applicant-duodao', 'POST', `/nominations/${dongbao.id}/submit`, undefined, 404],
      ['dept-duodao', 'POST', `/nominations/${dongbao.id}/endorse`, { decision: 'return', opinion: '退回' }, 404],
      ['district-dongbao', 'POST', `/nominations/${dongbao.id}/endorse`, { decision: 'return', opinion: '退回' }, 403],
      ['applicant-dongbao', 'POST', `/nominations/${dongbao.id}/endorse`, { decision: 'return', opinion: '退回' }, 403],
      ['district-dongbao', 'POST', `/nominations/${duodao.id}/forward`, undefined, 404],
      ['dept-duodao', 'POST', `/nominations/${duodao.id}/forward`, undefined, 403],
      ['applicant-duodao', 'POST', `/nominations/${duodao.id}/review`, { decision: 'approve', reason: '好' }, 403],
      ['judge-1', 'POST', `/nominations/${duodao.id}/review`, { decision: 'approve', reason: '好' }, 404],
      ['dept-dongbao', 'PATCH', `/nominations/${dongbao.id}`, { sector: '银行' }, 403],
      ['applicant-dongbao', 'GET', `/nominations/${cid}.0000000000000000`, undefined, 404],
      ['admin', 'GET', '/nominations/not-a-nomination-id', undefined, 404],
      [
        'applicant-dongbao',
        'POST',
        `/campaigns/${cid}/nominations`,
        { category: 'star', district: 'duodao', sector: '医院', form: {} },
        403,
      ],
      [
        'dept-dongbao',
        'POST',
        `/campaigns/${cid}/nominations`,
        { category: 'star', district: 'dongbao', sector: '医院', form: {} },
        403,
      ],
    ];
    for (const [username, method, path, body, status] of cases) {
      const response = await api(method, path, { token: await login(username), body });
      expect(response.status, `${username} ${method} ${path}`).toBe(status);
    }
    expect(await stored(dongbao.id)).toEqual(dongbao);
    expect(await stored(duodao.id)).toEqual(duodao);
    const list = await api('GET', `/campaigns/${cid}/nominations`, { token: await login('admin') });
    expect(list.body.count).toBe(2);
  });
});
