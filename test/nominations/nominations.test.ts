/** Domain rules of the nomination use cases, with in-memory fakes (no stack, no env). */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/auth/actor';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import type { Campaign } from '../../shared/campaigns/schema';
import { ConflictError } from '../../shared/errors';
import type { Nomination } from '../../shared/nominations/nomination';
import type { NominationRepository } from '../../shared/nominations/nomination-repository';
import { forwardNomination, listNominations, submissionGaps } from '../../shared/nominations/nominations';
import { createFakeCampaignRepository } from '../campaigns/fake-campaign-repository';
import { starForm, windowForm } from './fixtures';

const campaign = (overrides: Partial<Campaign['config']> = {}): Campaign => ({
  id: 'c1',
  stage: 'nomination',
  config: { ...campaign2019, ...overrides },
  stageChangedAt: '2019-04-09T00:00:00+08:00',
  createdAt: '2019-04-01T00:00:00+08:00',
  createdBy: 'admin',
  version: 2,
});
const nomination = (overrides: Partial<Nomination> = {}): Nomination => ({
  id: 'c1.n1',
  campaignId: 'c1',
  category: 'star',
  district: 'dongbao',
  department: 'dongbao-health',
  owner: 'applicant-dongbao',
  sector: '医院',
  form: starForm(),
  status: 'endorsed',
  history: [],
  createdAt: '2019-05-01T00:00:00Z',
  updatedAt: '2019-05-01T00:00:00Z',
  version: 1,
  ...overrides,
});

const fakeNominations = (items: Nomination[]) => {
  const writes: string[] = [];
  const repository: NominationRepository = {
    get: async (nid) => items.find((n) => n.id === nid),
    listByCampaign: async (_cid, filter = {}) =>
      items.filter((n) =>
        Object.entries(filter).every(([k, v]) => v === undefined || (n as Record<string, unknown>)[k] === v),
      ),
    listApproved: async () => items.filter((n) => n.status === 'approved'),
    create: async (n) => void writes.push(`create ${n.id}`),
    save: async (n) => void writes.push(`save ${n.id}`),
    saveWithinQuota: async (n) => void writes.push(`forward ${n.id}`),
    quotaUsed: async () => 0,
  };
  return { repository, writes };
};

const actor = (username: string, roles: Actor['roles'], extra: Partial<Actor> = {}): Actor => ({
  sub: username,
  username,
  name: username,
  roles,
  ...extra,
});

describe('submission gaps', () => {
  const uploads = (verified: Record<string, number>) => async () => ({ verified });

  it("needs 3 to 5 verified activity photos and the category's main photo", async () => {
    const fields = async (n: Nomination, verified: Record<string, number>) =>
      (await submissionGaps(n, campaign(), uploads(verified))).map((g) => g.field);
    const certificate = 1; // the star fixture claims an honour
    expect(await fields(nomination(), { activity_photo: 3, portrait: 1, certificate })).toEqual([]);
    expect(await fields(nomination(), { activity_photo: 2, portrait: 1, certificate })).toEqual([
      'uploads.activity_photo',
    ]);
    expect(await fields(nomination(), { activity_photo: 6, portrait: 1, certificate })).toEqual([
      'uploads.activity_photo',
    ]);
    expect(await fields(nomination(), { activity_photo: 5, unit_photo: 1, certificate })).toEqual(['uploads.portrait']);
    expect(
      await fields(nomination({ category: 'window', form: windowForm() }), { activity_photo: 5, unit_photo: 1 }),
    ).toEqual([]);
  });

  it('takes the written account bounds from the campaign', async () => {
    const strict = campaign({ forms: { resumeChars: { min: 150, max: 600 }, accountChars: { min: 5000, max: 8000 } } });
    const gaps = await submissionGaps(
      nomination(),
      strict,
      uploads({ activity_photo: 3, portrait: 1, certificate: 1 }),
    );
    expect(gaps.map((g) => g.messageEn)).toEqual(['评选文字材料: must be 5000-8000 characters (now 1000)']);
    expect(gaps.map((g) => g.message)).toEqual(['评选文字材料：须为 5000-8000 字（现为 1000 字）']);
  });

  it('needs a certificate copy when honours are claimed, unless the campaign says otherwise', async () => {
    const photos = { activity_photo: 3, portrait: 1 };
    const gaps = await submissionGaps(nomination(), campaign(), uploads(photos));
    expect(gaps).toEqual([
      expect.objectContaining({ field: 'uploads.certificate', label: '获奖证书复印件', messageEn: expect.any(String) }),
    ]);
    const { honours: _none, ...noHonours } = starForm();
    expect(await submissionGaps(nomination({ form: noHonours }), campaign(), uploads(photos))).toEqual([]);
    const windowHonours = nomination({ category: 'window', form: windowForm({ honours: '2018年度全市文明窗口' }) });
    expect(
      (await submissionGaps(windowHonours, campaign(), uploads({ activity_photo: 3, unit_photo: 1 }))).map(
        (g) => g.field,
      ),
    ).toEqual(['uploads.certificate']);
    const optional = campaign({ forms: { ...campaign2019.forms, certificatesRequired: false } });
    expect(await submissionGaps(nomination(), optional, uploads(photos))).toEqual([]);
  });
});

describe('forwarding', () => {
  it('refuses a district without recommend places before writing anything', async () => {
    const { repository: campaigns } = createFakeCampaignRepository();
    const noPlaces = campaign({
      districts: campaign2019.districts.map((d) =>
        d.id === 'dongbao' ? { ...d, quotas: { ...d.quotas, star: { recommend: 0, award: 0 } } } : d,
      ),
    });
    await campaigns.create(noPlaces, { campaignId: 'c1', at: '', by: 'admin', action: 'test' });
    const { repository: nominations, writes } = fakeNominations([nomination()]);
    const refused = forwardNomination('c1.n1', actor('district-dongbao', ['district'], { district: 'dongbao' }), {
      nominations,
      campaigns,
    });
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { district: 'dongbao', category: 'star', quota: 0, used: 0 },
    });
    expect(writes).toEqual([]);
  });
});

describe('listing', () => {
  it('gives a caller with several roles the union of what each role may see', async () => {
    const { repository: campaigns } = createFakeCampaignRepository();
    await campaigns.create(campaign(), { campaignId: 'c1', at: '', by: 'admin', action: 'test' });
    const items = [
      nomination({ id: 'c1.a', district: 'dongbao', department: 'dongbao-health' }),
      nomination({ id: 'c1.b', district: 'duodao', department: 'duodao-market' }),
      nomination({ id: 'c1.c', district: 'city', department: 'city-gov-services' }),
    ];
    const { repository: nominations } = fakeNominations(items);
    const both = actor('both', ['district', 'department'], { district: 'dongbao', department: 'duodao-market' });
    expect((await listNominations('c1', {}, both, { nominations, campaigns })).map((n) => n.id)).toEqual([
      'c1.a',
      'c1.b',
    ]);
  });
});
