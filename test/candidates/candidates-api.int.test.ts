/**
 * The public notice (公示) through the local gateway: from `publicity` on anyone reads the approved
 * candidates, filtered, with short-lived photo URLs, and no personal data in any response.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import type { Nomination } from '../../shared/nominations/nomination';
import { api, login } from '../support/api';
import { PERSONAL, campaignInNomination, campaignOnNotice } from './support';

let cid: string;
let star: Nomination;
let window: Nomination;
let duodaoStar: Nomination;
let rejected: Nomination;
/** Raw bodies of every public response of this file, scanned for personal data at the end. */
const publicBodies: string[] = [];

/** GET as the public (no token); the raw body is kept for the personal-data scan. */
const get = async (path: string) => {
  const response = await api('GET', path);
  publicBodies.push(typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
  return response;
};

beforeAll(async () => {
  const notice = await campaignOnNotice([
    {
      name: '王微笑',
      category: 'star',
      district: 'city',
      sector: '税务',
      photos: ['portrait', 'activity_photo', 'activity_photo'],
    },
    {
      name: '东宝区人民医院导诊台',
      category: 'window',
      district: 'dongbao',
      sector: '医院',
      photos: ['activity_photo', 'unit_photo'],
    },
    { name: '李真诚', category: 'star', district: 'duodao', sector: '医院' },
    { name: '被驳回的申报', category: 'star', district: 'city', sector: '税务', status: 'rejected' },
  ]);
  cid = notice.cid;
  [star, window, duodaoStar, rejected] = notice.seeded as [Nomination, Nomination, Nomination, Nomination];
});

describe('the public candidate list', () => {
  it('lists the approved candidates with name, unit, post, sector, district, declaration, deeds and photos', async () => {
    const list = await get(`/campaigns/${cid}/candidates`);
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(3);
    expect(list.body.candidates.map((c: { id: string }) => c.id).sort()).toEqual(
      [star.id, window.id, duodaoStar.id].sort(),
    );
    const shown = list.body.candidates.find((c: { id: string }) => c.id === star.id);
    expect(Object.keys(shown).sort()).toEqual(
      [
        'campaignId',
        'category',
        'categoryName',
        'declaration',
        'deeds',
        'district',
        'honours',
        'id',
        'name',
        'photos',
        'post',
        'sector',
        'unit',
      ].sort(),
    );
    expect(shown).toMatchObject({
      name: '王微笑',
      unit: star.form.workUnit,
      post: star.form.post,
      sector: '税务',
      district: { id: 'city', name: '市直' },
      declaration: star.form.smileDeclaration,
      deeds: star.form.resume,
      categoryName: '优质服务明星',
    });
    expect(shown.photos.map((p: { kind: string }) => p.kind)).toEqual(['portrait', 'activity_photo', 'activity_photo']);
    const unit = list.body.candidates.find((c: { id: string }) => c.id === window.id);
    expect(unit).toMatchObject({
      name: '东宝区人民医院导诊台',
      unit: '东宝区人民医院导诊台',
      post: null,
      declaration: window.form.declaration,
      deeds: window.form.deeds,
    });
    expect(unit.photos.map((p: { kind: string }) => p.kind)).toEqual(['unit_photo', 'activity_photo']);
  });

  it('serves each photo by a presigned GET URL that expires in 15 minutes', async () => {
    const one = await get(`/campaigns/${cid}/candidates/${star.id}`);
    expect(one.status).toBe(200);
    const url = new URL(one.body.photos[0].url);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.pathname.includes('/verified/campaigns/')).toBe(true);
    const photo = await fetch(url);
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('filters by category, district and sector', async () => {
    const ids = async (query: string) =>
      ((await get(`/campaigns/${cid}/candidates?${query}`)).body.candidates as Array<{ id: string }>)
        .map((c) => c.id)
        .sort();
    expect(await ids('category=window')).toEqual([window.id]);
    expect(await ids('category=star')).toEqual([star.id, duodaoStar.id].sort());
    expect(await ids('district=duodao')).toEqual([duodaoStar.id]);
    expect(await ids(`sector=${encodeURIComponent('医院')}`)).toEqual([window.id, duodaoStar.id].sort());
    expect(await ids(`category=star&sector=${encodeURIComponent('医院')}`)).toEqual([duodaoStar.id]);
    expect(await ids('district=nowhere')).toEqual([]);
  });

  it('lets the CDN and browsers keep anonymous reads 15 s, never a signed-in answer or a refusal', async () => {
    for (const path of [
      `/campaigns/${cid}`,
      `/campaigns/${cid}/candidates`,
      `/campaigns/${cid}/candidates/${star.id}`,
    ]) {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(200);
      expect(anonymous.headers.get('cache-control')).toBe('public, max-age=15');
      expect(anonymous.headers.get('vary')).toBe('Authorization');
      const signedIn = await api('GET', path, { token: await login('admin') });
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('cache-control')).toBe('no-store');
    }
    const refused = await get(`/campaigns/${cid}/candidates?category=person`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses bad filters with 400', async () => {
    expect((await get(`/campaigns/${cid}/candidates?category=person`)).status).toBe(400);
    expect((await get(`/campaigns/${cid}/candidates?status=rejected`)).status).toBe(400);
    expect((await get(`/campaigns/${cid}/candidates?district=${'x'.repeat(41)}`)).status).toBe(400);
  });

  it('shows no rejected nomination, and no id from elsewhere (404)', async () => {
    expect((await get(`/campaigns/${cid}/candidates/${rejected.id}`)).status).toBe(404);
    expect((await get(`/campaigns/${cid}/candidates/${cid}.0000000000000000`)).status).toBe(404);
    expect((await get(`/campaigns/${cid}/candidates/other-campaign.${star.id.split('.')[1]}`)).status).toBe(404);
    expect((await get(`/campaigns/no-such-campaign/candidates`)).status).toBe(404);
    expect((await get(`/campaigns/${cid}/candidates/%20bad%20id`)).status).toBe(400);
  });

  it('is not public before publicity: 404 for a draft campaign, 409 while nominations are open', async () => {
    const early = await campaignInNomination();
    const list = await get(`/campaigns/${early.cid}/candidates`);
    expect(list.status).toBe(409);
    expect(list.body.error.code).toBe('NOT_PUBLIC_YET');
    expect((await get(`/campaigns/${early.cid}/candidates/${early.nomination.id}`)).status).toBe(409);
    const draft = await api('POST', '/campaigns', { token: await login('admin'), body: campaign2019 });
    expect((await get(`/campaigns/${draft.body.id}/candidates`)).status).toBe(404);
  });

  it('never shows a phone number, birth month, native place, political status, education or school in any public response', async () => {
    expect(publicBodies.length).toBeGreaterThan(15);
    const everything = publicBodies.join('\n');
    for (const [what, value] of Object.entries(PERSONAL)) {
      expect(everything.includes(value), `${what} (${value}) leaked`).toBe(false);
    }
    // Presigned photo URLs carry hex signatures whose digits can look like a mobile number by chance.
    const withoutSignatures = everything.replace(/X-Amz-Signature=[0-9a-f]+/g, 'X-Amz-Signature=…');
    // A mobile stands alone (ids and hashes hold digit runs inside letters and digits).
    expect(withoutSignatures).not.toMatch(/(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/);
    // The office's own contacts (联系人, 电话, 邮箱: notice 七(一)) are public on the campaign's view by design.
    const withoutOfficeContacts = everything.replace(/"contacts":\[[^\]]*\]/g, '"contacts":[…]');
    expect(withoutOfficeContacts).not.toMatch(
      /mobile|birthMonth|nativePlace|politicalStatus|education|school|headMobile|handlerMobile|"phone"/,
    );
  });
});
