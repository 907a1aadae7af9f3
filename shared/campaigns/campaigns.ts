/**
 * Campaign use cases: create, configure (only what the stage still allows), list and show the
 * public view, plan and perform stage moves (by an admin or by the schedule), audit trail.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Actor, hasRole } from '../auth/actor';
import { ConflictError, NotFoundError, RuleViolationError, say } from '../errors';
import * as z from '../zod';
import { describeIssues } from '../validation';
import type { AuditEntry } from '../audit/audit';
import type { CampaignRepository } from './campaign-repository';
import {
  STAGES,
  STAGE_NAMES,
  hasReached,
  campaignConfigSchema,
  type Campaign,
  type CampaignConfig,
  type CampaignPatch,
  type Stage,
} from './schema';
import { nextStage, planTransition, type StageFacts, type TransitionPlan } from './stages';

export interface CampaignDeps {
  campaigns: CampaignRepository;
  now?: () => Date;
}

export interface TransitionDeps extends CampaignDeps {
  loadFacts: (campaign: Campaign) => Promise<StageFacts>;
}

const isoNow = (now: () => Date) => now().toISOString();

/** A campaign that exists; drafts are visible to admins only. */
export const getCampaign = async (id: string, { campaigns }: CampaignDeps, actor?: Actor): Promise<Campaign> => {
  const campaign = await campaigns.get(id);
  if (!campaign || (campaign.stage === 'draft' && !(actor && hasRole(actor, 'admin')))) {
    throw new NotFoundError(say(`没有评选活动 ${id}`, `No campaign ${id}`));
  }
  return campaign;
};

/**
 * The hash of what decides the outcome (quotas, criteria, weights, vote limits, judging rule):
 * frozen when voting opens, shown publicly so anyone can tell the rules did not change.
 */
export const outcomeConfigHash = (config: CampaignConfig): string =>
  createHash('sha256')
    .update(JSON.stringify(outcomeConfig(config)))
    .digest('hex');

/** What decides the outcome, as hashed above (published with the results so anyone can recheck the hash). */
export const outcomeConfig = (config: CampaignConfig) => ({
  year: config.year,
  districts: config.districts.map((d) => ({ id: d.id, quotas: d.quotas })),
  criteria: config.criteria,
  weights: config.weights,
  voting: {
    perCandidatePerDay: config.voting.perCandidatePerDay,
    candidatesPerCategoryPerDay: config.voting.candidatesPerCategoryPerDay,
  },
  judging: { dropExtremesFrom: config.judging.dropExtremesFrom },
});

/** A new campaign's id: its year and 8 random hex digits. */
const newCampaignId = (year: number) => `${year}-${randomBytes(4).toString('hex')}`;

/** Creates a campaign in `draft`; `copiedFrom` (the campaign whose configuration it copies) goes into its audit entry. */
export const createCampaign = async (
  config: CampaignConfig,
  actor: Actor,
  { campaigns, now = () => new Date() }: CampaignDeps,
  id = newCampaignId(config.year),
  copiedFrom?: string,
): Promise<Campaign> => {
  const at = isoNow(now);
  const campaign: Campaign = {
    id,
    stage: 'draft',
    config,
    stageChangedAt: at,
    createdAt: at,
    createdBy: actor.username,
    version: 1,
  };
  await campaigns.create(campaign, {
    campaignId: id,
    at,
    by: actor.username,
    action: 'campaign.created',
    to: 'draft',
    ...(copiedFrom ? { details: { copiedFrom } } : {}),
  });
  return campaign;
};

/**
 * Body of POST /campaigns/{cid}/copy: the new campaign's year (default: the next) and name (default: the old one, with
 * the year changed).
 */
export const copyRequestSchema = z.strictObject({
  year: z.optional(z.int().check(z.gte(2000), z.lte(2100))),
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
});

/**
 * Next year's campaign (issue 11, item 12): a new draft with the configuration of `cid` (districts, quotas, sectors,
 * criteria, weights, voting, judging, forms, contacts, minimum publicity), without its nominations, dates or
 * automatic moves: the schedule and deadlines belong to a year, the admin sets the new ones.
 */
export const copyCampaign = async (
  cid: string,
  request: z.infer<typeof copyRequestSchema>,
  actor: Actor,
  deps: CampaignDeps,
): Promise<Campaign> => {
  const source = await getCampaign(cid, deps, actor);
  const { schedule: _schedule, timing, autoAdvance: _autoAdvance, ...kept } = source.config;
  const year = request.year ?? source.config.year + 1;
  const minPublicityDays = timing?.minPublicityDays;
  const config = campaignConfigSchema.safeParse({
    ...kept,
    year,
    name: request.name ?? source.config.name.replaceAll(String(source.config.year), String(year)),
    schedule: {},
    autoAdvance: false,
    ...(minPublicityDays !== undefined ? { timing: { minPublicityDays } } : {}),
  });
  if (!config.success) {
    throw new RuleViolationError(
      'INVALID_CONFIG',
      say('复制后的配置无效', 'The copied configuration would not be valid'),
      describeIssues(config.error),
    );
  }
  return createCampaign(config.data, actor, deps, newCampaignId(year), source.id);
};

/** Parts of the configuration each stage still lets an admin change. */
const changeableFrom = (stage: Stage): ReadonlyArray<keyof CampaignPatch> => {
  if (stage === 'draft')
    return [
      'name',
      'districts',
      'sectors',
      'criteria',
      'weights',
      'voting',
      'judging',
      'forms',
      'schedule',
      'autoAdvance',
      'contacts',
      'timing',
      'notifications',
      'paperCopiesRequired',
    ];
  // Nominations are filed against districts, quotas, sectors and forms: fixed once nomination opens.
  if (!hasReached(stage, 'voting'))
    return [
      'name',
      'criteria',
      'weights',
      'voting',
      'judging',
      'schedule',
      'autoAdvance',
      'contacts',
      'timing',
      'notifications',
      'paperCopiesRequired',
    ];
  // Voting is open: what decides the outcome is frozen.
  if (stage !== 'awarded') return ['name', 'schedule', 'autoAdvance', 'contacts', 'timing', 'notifications'];
  return [];
};

/** Changes configuration parts the stage still allows; 409 naming the parts it does not. */
export const updateCampaign = async (
  id: string,
  patch: CampaignPatch,
  actor: Actor,
  deps: CampaignDeps,
): Promise<Campaign> => {
  const { campaigns, now = () => new Date() } = deps;
  const campaign = await getCampaign(id, deps, actor);
  const allowed = changeableFrom(campaign.stage);
  const refused = (Object.keys(patch) as Array<keyof CampaignPatch>).filter((key) => !allowed.includes(key));
  if (refused.length > 0) {
    throw new ConflictError(
      'CONFIG_FROZEN',
      say(
        `评选活动处于“${STAGE_NAMES[campaign.stage]}”阶段，以下配置已不能更改：${refused.join('、')}`,
        `In stage ${campaign.stage} these can no longer change: ${refused.join(', ')}`,
      ),
      {
        stage: campaign.stage,
        refused,
        changeable: allowed,
      },
    );
  }
  const merged = campaignConfigSchema.safeParse({ ...campaign.config, ...patch });
  if (!merged.success) {
    throw new RuleViolationError(
      'INVALID_CONFIG',
      say('按此更改后的配置无效', 'The configuration after this change would not be valid'),
      describeIssues(merged.error),
    );
  }
  const updated: Campaign = { ...campaign, config: merged.data, version: campaign.version + 1 };
  await campaigns.update(updated, {
    campaignId: id,
    at: isoNow(now),
    by: actor.username,
    action: 'campaign.configured',
    details: { changed: Object.keys(patch) },
  });
  return updated;
};

/** The public view: stage, timeline, rules and the configuration hash; never who created it. */
export const publicCampaignView = (campaign: Campaign) => ({
  id: campaign.id,
  year: campaign.config.year,
  name: campaign.config.name,
  stage: campaign.stage,
  stageChangedAt: campaign.stageChangedAt,
  timeline: STAGES.filter((s) => s !== 'draft').map((stage) => ({
    stage,
    scheduledAt: campaign.config.schedule[stage as Exclude<Stage, 'draft'>] ?? null,
    reached: hasReached(campaign.stage, stage),
  })),
  timezone: 'Asia/Shanghai',
  rules: {
    districts: campaign.config.districts,
    categories: { window: '优质服务窗口', star: '优质服务明星' },
    sectors: campaign.config.sectors,
    criteria: campaign.config.criteria,
    weights: campaign.config.weights,
    voting: campaign.config.voting,
    judging: campaign.config.judging,
    timing: campaign.config.timing ?? {},
  },
  /** The office's contacts (联系人, 电话, 邮箱): public by design. */
  contacts: campaign.config.contacts ?? [],
  configHash: campaign.frozenConfigHash ?? outcomeConfigHash(campaign.config),
  configFrozen: campaign.frozenConfigHash !== undefined,
});

/** Campaigns the caller may see: admins see drafts too. */
export const listCampaigns = async ({ campaigns }: CampaignDeps, actor?: Actor): Promise<Campaign[]> => {
  const all = await campaigns.list();
  return actor && hasRole(actor, 'admin') ? all : all.filter((c) => c.stage !== 'draft');
};

/** The dry run: the current stage and the next move with every precondition checked. */
export const dryRunTransitions = async (id: string, deps: TransitionDeps, actor: Actor) => {
  const campaign = await getCampaign(id, deps, actor);
  const to = nextStage(campaign.stage);
  const now = deps.now ?? (() => new Date());
  const plan = to ? planTransition(campaign, to, await deps.loadFacts(campaign), now()) : undefined;
  return { stage: campaign.stage, next: plan ? [plan] : [] };
};

/**
 * Moves the campaign to the next stage when every precondition holds, writing the audit entry in
 * the same transaction. Entering `voting` freezes the outcome configuration (its hash is kept).
 */
export const transitionCampaign = async (
  id: string,
  request: { to: Stage; reason?: string },
  by: Actor | 'schedule',
  deps: TransitionDeps,
): Promise<{ campaign: Campaign; plan: TransitionPlan }> => {
  const { campaigns, now = () => new Date() } = deps;
  const campaign = await getCampaign(
    id,
    deps,
    by === 'schedule' ? { sub: 'schedule', username: 'schedule', name: 'schedule', roles: ['admin'] } : by,
  );
  const facts = await deps.loadFacts(campaign);
  const plan = planTransition(campaign, request.to, facts, now());
  if (!plan) {
    const next = nextStage(campaign.stage);
    throw new ConflictError(
      'INVALID_TRANSITION',
      next === undefined
        ? say(
            `评选活动已处于最后阶段“${STAGE_NAMES[campaign.stage]}”，不能再转入其他阶段`,
            `A campaign in ${campaign.stage} can only move to nothing (it is final)`,
          )
        : say(
            `评选活动处于“${STAGE_NAMES[campaign.stage]}”阶段，只能转入下一阶段“${STAGE_NAMES[next]}”`,
            `A campaign in ${campaign.stage} can only move to ${next}`,
          ),
      {
        from: campaign.stage,
        to: request.to,
        next: next ?? null,
      },
    );
  }
  if (!plan.allowed) {
    throw new ConflictError(
      'PRECONDITION_FAILED',
      say(
        `尚不具备从“${STAGE_NAMES[plan.from]}”转入“${STAGE_NAMES[plan.to]}”阶段的条件`,
        `The move from ${plan.from} to ${plan.to} is not possible yet`,
      ),
      {
        from: plan.from,
        to: plan.to,
        failed: plan.preconditions.filter((p) => !p.passed),
        preconditions: plan.preconditions,
      },
    );
  }
  const at = isoNow(now);
  const updated: Campaign = {
    ...campaign,
    stage: plan.to,
    stageChangedAt: at,
    version: campaign.version + 1,
    ...(plan.to === 'voting' ? { frozenConfigHash: outcomeConfigHash(campaign.config) } : {}),
  };
  const audit: Omit<AuditEntry, 'id'> = {
    campaignId: id,
    at,
    by: by === 'schedule' ? 'schedule' : by.username,
    action: 'campaign.stage-moved',
    from: plan.from,
    to: plan.to,
    reason: request.reason,
    details: { preconditions: plan.preconditions.map((p) => `${p.key}: ${p.detail}`) },
  };
  await campaigns.update(updated, audit);
  return { campaign: updated, plan };
};

/**
 * The clock tick: for each campaign with `autoAdvance`, performs the next move once its scheduled
 * time has come and its preconditions hold. A due move whose preconditions fail waits for the next tick.
 */
export const advanceDueStages = async (
  deps: TransitionDeps,
): Promise<Array<{ id: string; from: Stage; to: Stage; moved: boolean; why?: string }>> => {
  const { campaigns, now = () => new Date() } = deps;
  const outcomes: Array<{ id: string; from: Stage; to: Stage; moved: boolean; why?: string }> = [];
  for (const campaign of await campaigns.list()) {
    const to = nextStage(campaign.stage);
    const due = to && campaign.config.schedule[to];
    if (!campaign.config.autoAdvance || !to || !due || Date.parse(due) > now().getTime()) continue;
    try {
      await transitionCampaign(campaign.id, { to, reason: `scheduled for ${due}` }, 'schedule', deps);
      outcomes.push({ id: campaign.id, from: campaign.stage, to, moved: true });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      outcomes.push({ id: campaign.id, from: campaign.stage, to, moved: false, why: error.message });
    }
  }
  return outcomes;
};
