/**
 * Authorise before validating: every staff route, called by a role that may not use it (or a
 * staff member outside the nomination's scope) with an empty body, is refused with 403 or 404,
 * never told the body's rules (400/422). The table names the wrong caller for each route; a route
 * added without an entry fails the first test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../functions/catalog';
import { newCampaign, seedNomination } from '../nominations/support';
import { api, login } from '../support/api';

/** `METHOD path` -> the demo user who may not do it. */
const wrongCaller: Record<string, string> = {
  'POST /campaigns': 'district-city',
  'PATCH /campaigns/{cid}': 'district-city',
  'POST /campaigns/{cid}/copy': 'applicant-city',
  'GET /campaigns/{cid}/transitions': 'judge-1',
  'POST /campaigns/{cid}/transitions': 'judge-1',
  'GET /campaigns/{cid}/audit': 'dept-city',
  'POST /campaigns/{cid}/nominations': 'judge-1',
  'GET /campaigns/{cid}/nominations': 'judge-1',
  // The nomination is applicant-zhanghe's: another district's staff do not see it.
  'GET /nominations/{nid}': 'applicant-city',
  'PATCH /nominations/{nid}': 'applicant-city',
  'POST /nominations/{nid}/submit': 'applicant-city',
  'POST /nominations/{nid}/endorse': 'dept-city',
  'POST /nominations/{nid}/forward': 'district-city',
  'POST /nominations/{nid}/review': 'district-zhanghe',
  'POST /nominations/{nid}/return': 'dept-zhanghe',
  'POST /nominations/{nid}/paper-copies': 'district-zhanghe',
  'GET /nominations/{nid}/print': 'applicant-city',
  'GET /campaigns/{cid}/exports/nominations': 'district-city',
  'POST /nominations/{nid}/uploads': 'applicant-city',
  'DELETE /nominations/{nid}/uploads/{uploadId}': 'applicant-city',
  'GET /nominations/{nid}/uploads': 'applicant-city',
  'GET /campaigns/{cid}/objections': 'district-city',
  'POST /objections/{oid}/ruling': 'district-city',
  'POST /campaigns/{cid}/objections/rulings': 'district-city',
  'POST /campaigns/{cid}/judges': 'judge-1',
  'POST /campaigns/{cid}/conflicts': 'applicant-city',
  'PUT /campaigns/{cid}/scores/{nid}': 'applicant-city',
  'GET /campaigns/{cid}/scoresheet': 'applicant-city',
  'GET /campaigns/{cid}/judging-progress': 'judge-1',
  'POST /campaigns/{cid}/judging/close': 'judge-1',
  'POST /campaigns/{cid}/judging-reminders': 'judge-1',
  // judge-1 is not a judge of the test's campaign (only its judges set their reminder contact).
  'PUT /campaigns/{cid}/judging-reminders': 'judge-1',
  'POST /campaigns/{cid}/results/compute': 'judge-1',
  'GET /campaigns/{cid}/results/compute': 'judge-1',
  'POST /campaigns/{cid}/results/overrides': 'judge-1',
  'GET /campaigns/{cid}/exports/scores': 'judge-1',
  'GET /campaigns/{cid}/exports/results': 'judge-1',
  'GET /campaigns/{cid}/exports/votes': 'judge-1',
  'GET /campaigns/{cid}/certificates/{nid}': 'judge-1',
  'GET /campaigns/{cid}/certificates': 'district-city',
  'GET /campaigns/{cid}/forms-print': 'dept-city',
  'POST /nominations/{nid}/archive': 'district-zhanghe',
  'GET /campaigns/{cid}/vote-flags': 'judge-1',
  'POST /campaigns/{cid}/vote-voids': 'judge-1',
  'GET /campaigns/{cid}/dead-votes': 'judge-1',
  'POST /campaigns/{cid}/dead-votes/retry': 'district-city',
  'POST /nominations/{nid}/personal-data/erasure': 'district-city',
  'POST /campaigns/{cid}/activity-reports': 'judge-1',
  'GET /campaigns/{cid}/activity-reports': 'judge-1',
  // The report is applicant-zhanghe's unit's: another unit does not see it.
  'GET /activity-reports/{rid}': 'applicant-city',
  'PATCH /activity-reports/{rid}': 'applicant-city',
  // Its department reads the report but does not add its photos.
  'POST /activity-reports/{rid}/uploads': 'dept-zhanghe',
  'GET /registry/departments': 'dept-city',
  'PUT /registry/departments': 'dept-city',
  'GET /registry/units': 'applicant-city',
  'PUT /registry/units': 'applicant-city',
  'POST /registry/import': 'district-city',
  'GET /accounts': 'district-city',
  'POST /accounts': 'district-city',
  'PATCH /accounts/{username}': 'district-city',
};

const staffRoutes = allRoutes().filter((r) => r.auth === 'staff');

describe('authorise before validating', () => {
  let path: (template: string) => string;

  beforeAll(async () => {
    const cid = await newCampaign();
    const nomination = await seedNomination(cid, { district: 'zhanghe' });
    const report = await api('POST', `/campaigns/${cid}/activity-reports`, {
      token: await login('applicant-zhanghe'),
      body: { title: '岗位练兵', date: '2019-05-01', text: '劳动竞赛' },
    });
    const rid = report.body.id as string;
    const ids: Record<string, string> = {
      cid,
      nid: nomination.id,
      uploadId: 'u-none',
      oid: 'o-none',
      rid,
      username: 'applicant-city',
    };
    path = (template) => template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
  });

  it('names a wrong caller for every staff route', () => {
    expect(staffRoutes.map((r) => `${r.method} ${r.path}`).filter((key) => !wrongCaller[key])).toEqual([]);
  });

  it.each(staffRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s refuses a wrong caller with an empty body with 403 or 404',
    async (key, route) => {
      const token = await login(wrongCaller[key]!);
      const res = await api(route.method, path(route.path), {
        token,
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { rawBody: '' }),
      });
      expect([403, 404], `${key} answered ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
    },
  );
});
