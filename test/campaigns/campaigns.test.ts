import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/auth/actor';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import {
  advanceDueStages,
  createCampaign,
  dryRunTransitions,
  getCampaign,
  listCampaigns,
  outcomeConfigHash,
  publicCampaignView,
  transitionCampaign,
  updateCampaign,
} from '../../shared/campaigns/campaigns';
import type { StageFacts } from '../../shared/campaigns/stages';
import { ConflictError, NotFoundError, RuleViolationError } from '../../shared/errors';
import { createFakeCampaignRepository } from './fake-campaign-repository';

const admin: Actor = { sub: 'a', username: 'admin', name: 'Office', roles: ['admin'] };
const ready: StageFacts = {
  forwarded: 1,
  awaitingReview: 0,
  candidates: 1,
  openObjections: 0,
  votesInFlight: 0,
  votesDeadLettered: 0,
  missingScores: 0,
  latestResults: { version: 1, ledgerVersion: 0, computedAt: '2019-08-12T00:00:00Z' },
};

const setup = (facts: Partial<StageFacts> = {}, now = new Date('2019-05-01T00:00:00+08:00')) => {
  const fake = createFakeCampaignRepository();
  const deps = { campaigns: fake.repository, now: () => now, loadFacts: async () => ({ ...ready, ...facts }) };
  return { ...fake, deps };
};

const walkTo = async (
  deps: ReturnType<typeof setup>['deps'],
  id: string,
  stages: Array<'nomination' | 'review' | 'publicity' | 'voting'>,
) => {
  for (const to of stages) await transitionCampaign(id, { to }, admin, deps);
};

describe('campaigns', () => {
  it('creates a campaign in draft, visible to admins only', async () => {
    const { deps, audit } = setup();
    const campaign = await createCampaign(campaign2019, admin, deps, 'c1');
    expect(campaign.stage).toBe('draft');
    expect(audit).toHaveLength(1);
    await expect(getCampaign('c1', deps)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listCampaigns(deps)).toEqual([]);
    expect((await listCampaigns(deps, admin)).map((c) => c.id)).toEqual(['c1']);
  });

  it('moves a stage, writes who, when, from, to and why to the audit trail', async () => {
    const { deps, audit } = setup();
    await createCampaign(campaign2019, admin, deps, 'c1');
    const { campaign } = await transitionCampaign('c1', { to: 'nomination', reason: 'notice issued' }, admin, deps);
    expect(campaign.stage).toBe('nomination');
    expect(audit.at(-1)).toMatchObject({
      by: 'admin',
      action: 'campaign.stage-moved',
      from: 'draft',
      to: 'nomination',
      reason: 'notice issued',
      at: '2019-04-30T16:00:00.000Z',
    });
  });

  it('refuses a move whose preconditions fail with 409 and the failed checks, and changes nothing', async () => {
    const { deps, audit } = setup({ forwarded: 0 });
    await createCampaign(campaign2019, admin, deps, 'c1');
    await transitionCampaign('c1', { to: 'nomination' }, admin, deps);
    const error = await transitionCampaign('c1', { to: 'review' }, admin, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('PRECONDITION_FAILED');
    expect((error as ConflictError).details?.failed).toEqual([
      expect.objectContaining({ key: 'nominations-forwarded', passed: false }),
    ]);
    expect((await getCampaign('c1', deps)).stage).toBe('nomination');
    expect(audit).toHaveLength(2);
  });

  it('refuses skipping a stage', async () => {
    const { deps } = setup();
    await createCampaign(campaign2019, admin, deps, 'c1');
    await expect(transitionCampaign('c1', { to: 'voting' }, admin, deps)).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it('the dry run lists the next move with each precondition', async () => {
    const { deps } = setup({ forwarded: 0 });
    await createCampaign(campaign2019, admin, deps, 'c1');
    await transitionCampaign('c1', { to: 'nomination' }, admin, deps);
    const run = await dryRunTransitions('c1', deps, admin);
    expect(run).toMatchObject({ stage: 'nomination', next: [{ to: 'review', allowed: false }] });
  });

  it('freezes the outcome configuration when voting opens, and shows its hash', async () => {
    const { deps } = setup();
    await createCampaign(campaign2019, admin, deps, 'c1');
    await walkTo(deps, 'c1', ['nomination', 'review', 'publicity']);
    await updateCampaign('c1', { weights: { votes: 50, experts: 50 } }, admin, deps);
    await walkTo(deps, 'c1', ['voting']);
    const campaign = await getCampaign('c1', deps);
    expect(campaign.frozenConfigHash).toBe(outcomeConfigHash(campaign.config));
    expect(publicCampaignView(campaign)).toMatchObject({ configHash: campaign.frozenConfigHash, configFrozen: true });
    await expect(updateCampaign('c1', { weights: { votes: 60, experts: 40 } }, admin, deps)).rejects.toMatchObject({
      code: 'CONFIG_FROZEN',
      details: { refused: ['weights'] },
    });
    const renamed = await updateCampaign('c1', { name: '2019 评选' }, admin, deps);
    expect(renamed.frozenConfigHash).toBe(campaign.frozenConfigHash);
  });

  it('locks districts and quotas once nomination opens', async () => {
    const { deps } = setup();
    await createCampaign(campaign2019, admin, deps, 'c1');
    await walkTo(deps, 'c1', ['nomination']);
    await expect(
      updateCampaign('c1', { districts: campaign2019.districts.slice(0, 1) }, admin, deps),
    ).rejects.toMatchObject({ code: 'CONFIG_FROZEN' });
  });

  it('refuses a change that would leave the configuration invalid (422), keeping the old one', async () => {
    const { deps } = setup();
    await createCampaign(campaign2019, admin, deps, 'c1');
    const schedule = { nomination: '2019-08-01T00:00:00+08:00', review: '2019-07-01T00:00:00+08:00' };
    await expect(updateCampaign('c1', { schedule }, admin, deps)).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      status: 422,
    });
    const error = await updateCampaign('c1', { weights: { votes: 70, experts: 30 }, districts: [] }, admin, deps).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((await getCampaign('c1', deps, admin)).config.weights).toEqual({ votes: 60, experts: 40 });
  });

  it('the schedule moves a campaign whose next stage has fallen due, and only with autoAdvance', async () => {
    const { deps, audit } = setup({}, new Date('2019-07-10T00:00:01+08:00'));
    await createCampaign({ ...campaign2019, autoAdvance: true }, admin, deps, 'auto');
    await createCampaign(campaign2019, admin, deps, 'manual');
    await transitionCampaign('auto', { to: 'nomination' }, admin, deps);
    await transitionCampaign('manual', { to: 'nomination' }, admin, deps);
    const outcomes = await advanceDueStages(deps);
    expect(outcomes).toEqual([{ id: 'auto', from: 'nomination', to: 'review', moved: true }]);
    expect((await getCampaign('auto', deps)).stage).toBe('review');
    expect((await getCampaign('manual', deps)).stage).toBe('nomination');
    expect(audit.at(-1)).toMatchObject({ by: 'schedule', from: 'nomination', to: 'review' });
    // publicity is scheduled for 2019-07-19: not yet due on 2019-07-10
    expect(await advanceDueStages(deps)).toEqual([]);
  });

  it('a due scheduled move whose preconditions fail waits, and says why', async () => {
    const { deps } = setup({ forwarded: 0 }, new Date('2019-07-10T00:00:01+08:00'));
    await createCampaign({ ...campaign2019, autoAdvance: true }, admin, deps, 'auto');
    await transitionCampaign('auto', { to: 'nomination' }, admin, deps);
    const [outcome] = await advanceDueStages(deps);
    expect(outcome).toMatchObject({ moved: false, to: 'review' });
    expect((await getCampaign('auto', deps)).stage).toBe('nomination');
  });
});
