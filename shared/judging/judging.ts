/**
 * Judging (专家评审, notice 六): admins add judges; judges declare conflicts, and on top of those
 * never score a candidate of their own unit or of a unit under their own department; judges score
 * each candidate they may score on the category's criteria while judging is open, and may revise
 * until it closes. A judge sees only their own scores; admins see what is missing.
 */
import { CATEGORY_NAMES, hasReached, STAGE_NAMES } from '../campaigns/schema';
import type { Actor } from '../auth/actor';
import type { AuditEntry } from '../audit/audit';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { getCampaign } from '../campaigns/campaigns';
import type { Campaign, Stage } from '../campaigns/schema';
import type { FactsContributor } from '../campaigns/stage-facts';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, say } from '../errors';
import type { CaseFiles } from './case-files';
import type { Candidate, CandidateSource } from './candidates';
import type { JudgingRepository } from './judging-repository';
import type { AddJudgeBody, Conflict, ConflictReason, Judge, Score } from './schema';

export interface JudgingDeps {
  campaigns: CampaignRepository;
  judging: JudgingRepository;
  candidates: CandidateSource;
  now?: () => Date;
}

const isoNow = (deps: JudgingDeps) => (deps.now ?? (() => new Date()))().toISOString();
const before = (stage: Stage, limit: Stage) => !hasReached(stage, limit);

/** The stages judges score in: the configured ones, and `scoring` (notice 七(三): expert scores follow the vote). */
export const scoringStages = (campaign: Campaign): Stage[] => [...campaign.config.judging.stages, 'scoring'];

/** Judges may score in those stages until an admin closes judging. */
export const judgingOpen = (campaign: Campaign): boolean =>
  scoringStages(campaign).includes(campaign.stage) && campaign.judgingClosed === undefined;

const requireJudgingOpen = (campaign: Campaign) => {
  if (campaign.judgingClosed) {
    throw new ConflictError(
      'JUDGING_CLOSED',
      say(
        `评审已由 ${campaign.judgingClosed.by} 关闭：${campaign.judgingClosed.reason}`,
        `Judging was closed by ${campaign.judgingClosed.by}: ${campaign.judgingClosed.reason}`,
      ),
    );
  }
  if (!judgingOpen(campaign)) {
    throw new ConflictError(
      'WRONG_STAGE',
      say(
        `评审专家只能在${scoringStages(campaign)
          .map((s) => `“${STAGE_NAMES[s]}”`)
          .join('或')}阶段评分，评选活动现处于“${STAGE_NAMES[campaign.stage]}”阶段`,
        `Judges score in ${scoringStages(campaign).join(' or ')}; the campaign is in ${campaign.stage}`,
      ),
      {
        stage: campaign.stage,
        allowed: scoringStages(campaign),
      },
    );
  }
};

/** Judges are added and conflicts declared until the campaign enters scoring, and never after judging closed. */
const requireBeforeScoring = (campaign: Campaign) => {
  if (!before(campaign.stage, 'scoring') || campaign.judgingClosed) {
    throw new ConflictError(
      'JUDGING_CLOSED',
      say(
        `评审已结束（评选活动现处于“${STAGE_NAMES[campaign.stage]}”阶段）`,
        `Judging is over (the campaign is in ${campaign.stage})`,
      ),
      { stage: campaign.stage },
    );
  }
};

/** Why this judge may not score this candidate: declared, own unit, or a unit under the judge's department. */
export const conflictOf = (
  judge: Judge,
  candidate: Candidate,
  declared: ReadonlySet<string>,
): ConflictReason | undefined => {
  if (declared.has(candidate.nominationId)) return 'declared';
  if (candidate.unit !== undefined && candidate.unit === judge.unit) return 'own-unit';
  if (judge.department !== undefined && candidate.department === judge.department) return 'own-department';
  return undefined;
};

export interface JudgingState {
  campaign: Campaign;
  judges: Judge[];
  candidates: Candidate[];
  scores: Score[];
  /** Declared conflicts per judge username. */
  declared: Map<string, Set<string>>;
  conflicts: Conflict[];
}

/** Everything judging of one campaign stands on, read once. */
export const loadJudgingState = async (
  campaign: Campaign,
  deps: Pick<JudgingDeps, 'judging' | 'candidates'>,
): Promise<JudgingState> => {
  const [judges, candidates, scores, conflicts] = await Promise.all([
    deps.judging.listJudges(campaign.id),
    deps.candidates(campaign.id),
    deps.judging.listScores(campaign.id),
    deps.judging.listConflicts(campaign.id),
  ]);
  const declared = new Map<string, Set<string>>();
  for (const c of conflicts) declared.set(c.judge, (declared.get(c.judge) ?? new Set()).add(c.nominationId));
  return { campaign, judges, candidates, scores, declared, conflicts };
};

const conflictIn = (state: JudgingState, judge: Judge, candidate: Candidate) =>
  conflictOf(judge, candidate, state.declared.get(judge.username) ?? new Set());

/**
 * Each standing candidate's scores that count: from registered judges without a conflict (a
 * conflict declared after scoring voids that score).
 */
export const countedScores = (state: JudgingState): Map<string, Score[]> => {
  const judges = new Map(state.judges.map((j) => [j.username, j]));
  const candidates = new Map(state.candidates.map((c) => [c.nominationId, c]));
  const out = new Map<string, Score[]>();
  for (const score of state.scores) {
    const judge = judges.get(score.judge);
    const candidate = candidates.get(score.nominationId);
    if (!judge || !candidate || conflictIn(state, judge, candidate)) continue;
    out.set(score.nominationId, [...(out.get(score.nominationId) ?? []), score]);
  }
  return out;
};

/** Judge-candidate pairs still to score: every registered judge × every standing candidate, conflicts excluded. */
export const missingPairs = (state: JudgingState): Array<{ judge: Judge; candidate: Candidate }> => {
  const scored = new Set(state.scores.map((s) => `${s.judge}\n${s.nominationId}`));
  return state.judges.flatMap((judge) =>
    state.candidates
      .filter(
        (c) => !c.disqualified && !conflictIn(state, judge, c) && !scored.has(`${judge.username}\n${c.nominationId}`),
      )
      .map((candidate) => ({ judge, candidate })),
  );
};

const CONFLICT_NAMES: Record<ConflictReason, string> = {
  declared: '本人已申明回避',
  'own-unit': '候选对象为本人所在单位',
  'own-department': '候选对象属本人所在主管部门',
};

const requireJudge = async (campaign: Campaign, actor: Actor, deps: JudgingDeps): Promise<Judge> => {
  const judge = (await deps.judging.listJudges(campaign.id)).find((j) => j.username === actor.username);
  if (!judge)
    throw new ForbiddenError(
      say(`您不是评选活动 ${campaign.id} 的评审专家`, `You are not a judge of campaign ${campaign.id}`),
    );
  return judge;
};

const audit = (
  campaign: Campaign,
  actor: Actor,
  action: string,
  at: string,
  extra: Partial<AuditEntry> = {},
): Omit<AuditEntry, 'id'> => ({
  campaignId: campaign.id,
  at,
  by: actor.username,
  action,
  ...extra,
});

/** An admin adds a judge (with district, unit and optionally department) before scoring starts. */
export const addJudge = async (cid: string, body: AddJudgeBody, actor: Actor, deps: JudgingDeps): Promise<Judge> => {
  const campaign = await getCampaign(cid, deps, actor);
  requireBeforeScoring(campaign);
  const at = isoNow(deps);
  const judge: Judge = { ...body, addedAt: at, addedBy: actor.username };
  await deps.judging.addJudge(
    cid,
    judge,
    audit(campaign, actor, 'judging.judge-added', at, { subject: judge.username }),
  );
  return judge;
};

/** A judge declares conflicts with candidates; from then on those candidates are not theirs to score. */
export const declareConflicts = async (
  cid: string,
  body: { nominationIds: string[]; reason: string },
  actor: Actor,
  deps: JudgingDeps,
): Promise<{ conflicts: Conflict[] }> => {
  const campaign = await getCampaign(cid, deps, actor);
  const judge = await requireJudge(campaign, actor, deps);
  requireBeforeScoring(campaign);
  const known = new Set((await deps.candidates(cid)).map((c) => c.nominationId));
  const unknown = [...new Set(body.nominationIds)].filter((nid) => !known.has(nid));
  if (unknown.length > 0)
    throw new NotFoundError(
      say(
        `以下不是评选活动 ${cid} 的候选对象：${unknown.join('、')}`,
        `Not candidates of campaign ${cid}: ${unknown.join(', ')}`,
      ),
      { unknown },
    );
  const at = isoNow(deps);
  const conflicts = [...new Set(body.nominationIds)].map((nominationId) => ({
    judge: judge.username,
    nominationId,
    reason: body.reason,
    at,
  }));
  await deps.judging.putConflicts(
    cid,
    conflicts,
    audit(campaign, actor, 'judging.conflicts-declared', at, {
      reason: body.reason,
      details: { nominationIds: conflicts.map((c) => c.nominationId) },
    }),
  );
  return { conflicts };
};

/** A judge scores (or revises) a candidate: one integer 0..max per criterion of its category, while judging is open. */
export const saveScore = async (
  cid: string,
  nid: string,
  body: { criteria: number[]; comment?: string },
  actor: Actor,
  deps: JudgingDeps,
): Promise<Score> => {
  const campaign = await getCampaign(cid, deps, actor);
  const judge = await requireJudge(campaign, actor, deps);
  requireJudgingOpen(campaign);
  const state = await loadJudgingState(campaign, deps);
  const candidate = state.candidates.find((c) => c.nominationId === nid);
  if (!candidate)
    throw new NotFoundError(say(`评选活动 ${cid} 中没有候选对象 ${nid}`, `No candidate ${nid} in campaign ${cid}`));
  if (candidate.disqualified)
    throw new ConflictError(
      'CANDIDATE_DISQUALIFIED',
      say(`候选对象 ${nid} 已被取消资格`, `Candidate ${nid} was disqualified`),
    );
  const conflict = conflictIn(state, judge, candidate);
  if (conflict)
    throw new ForbiddenError(
      say(
        `您须回避，不能为候选对象 ${nid} 评分（${CONFLICT_NAMES[conflict]}）`,
        `You may not score candidate ${nid} (conflict: ${conflict})`,
      ),
      { conflict },
    );
  const criteria = campaign.config.criteria[candidate.category];
  if (body.criteria.length !== criteria.length) {
    throw new RuleViolationError(
      'WRONG_CRITERIA_COUNT',
      say(
        `${CATEGORY_NAMES[candidate.category]}候选对象须按 ${criteria.length} 项标准评分`,
        `A ${candidate.category} candidate is scored on ${criteria.length} criteria`,
      ),
      {
        expected: criteria.map((c) => c.key),
      },
    );
  }
  const outOfRange = criteria.flatMap((c, i) =>
    body.criteria[i]! < 0 || body.criteria[i]! > c.max
      ? [{ index: i, key: c.key, max: c.max, value: body.criteria[i] }]
      : [],
  );
  if (outOfRange.length > 0) {
    throw new RuleViolationError(
      'CRITERION_OUT_OF_RANGE',
      say(
        `每项标准的得分须在 0 至该项满分之间：${outOfRange.map((o) => `${o.key} ≤ ${o.max}`).join('，')}`,
        `Each criterion is scored from 0 to its maximum: ${outOfRange.map((o) => `${o.key} ≤ ${o.max}`).join(', ')}`,
      ),
      {
        outOfRange,
      },
    );
  }
  const previous = state.scores.find((s) => s.judge === judge.username && s.nominationId === nid);
  const at = isoNow(deps);
  const score: Score = {
    judge: judge.username,
    nominationId: nid,
    category: candidate.category,
    criteria: body.criteria,
    total: body.criteria.reduce((sum, v) => sum + v, 0),
    ...(body.comment ? { comment: body.comment } : {}),
    at,
    revision: (previous?.revision ?? 0) + 1,
  };
  await deps.judging.putScore(
    cid,
    score,
    audit(campaign, actor, previous ? 'judging.score-revised' : 'judging.scored', at, { subject: nid }),
    scoringStages(campaign),
  );
  return score;
};

/**
 * A judge's scoresheet: their candidates (no personal data, no contact data) with the department's opinion and the
 * case files (verified photos, certificate copies, the stamped evaluation, attached activity reports), the criteria,
 * their own scores so far; never anyone else's.
 */
export const scoresheet = async (cid: string, actor: Actor, deps: JudgingDeps & { caseFiles: CaseFiles }) => {
  const campaign = await getCampaign(cid, deps, actor);
  const judge = await requireJudge(campaign, actor, deps);
  const state = await loadJudgingState(campaign, deps);
  const mine = new Map(state.scores.filter((s) => s.judge === judge.username).map((s) => [s.nominationId, s]));
  const standing = state.candidates.filter((c) => !c.disqualified);
  return {
    campaignId: cid,
    stage: campaign.stage,
    open: judgingOpen(campaign),
    criteria: campaign.config.criteria,
    candidates: await Promise.all(
      standing
        .filter((c) => !conflictIn(state, judge, c))
        .map(async (c) => {
          const score = mine.get(c.nominationId);
          return {
            nominationId: c.nominationId,
            category: c.category,
            district: c.district,
            sector: c.sector,
            name: c.name,
            materials: c.materials,
            opinion: c.opinion ?? null,
            ...(await deps.caseFiles(c)),
            score: score
              ? {
                  criteria: score.criteria,
                  total: score.total,
                  comment: score.comment,
                  at: score.at,
                  revision: score.revision,
                }
              : null,
          };
        }),
    ),
    conflicts: standing.flatMap((c) => {
      const reason = conflictIn(state, judge, c);
      return reason ? [{ nominationId: c.nominationId, name: c.name, reason }] : [];
    }),
  };
};

/** For admins: per judge and per candidate, which scores are missing. */
export const judgingProgress = async (cid: string, actor: Actor, deps: JudgingDeps) => {
  const campaign = await getCampaign(cid, deps, actor);
  const state = await loadJudgingState(campaign, deps);
  const missing = missingPairs(state);
  const standing = state.candidates.filter((c) => !c.disqualified);
  const scoredPairs = new Set(state.scores.map((s) => `${s.judge}\n${s.nominationId}`));
  return {
    campaignId: cid,
    stage: campaign.stage,
    open: judgingOpen(campaign),
    judgingClosed: campaign.judgingClosed ?? null,
    missingScores: missing.length,
    judges: state.judges.map((j) => {
      const theirs = standing.filter((c) => !conflictIn(state, j, c));
      return {
        username: j.username,
        name: j.name,
        district: j.district,
        unit: j.unit,
        toScore: theirs.length,
        scored: theirs.filter((c) => scoredPairs.has(`${j.username}\n${c.nominationId}`)).length,
        missing: missing.filter((m) => m.judge === j).map((m) => m.candidate.nominationId),
        conflicts: standing.flatMap((c) => {
          const reason = conflictIn(state, j, c);
          return reason ? [{ nominationId: c.nominationId, reason }] : [];
        }),
      };
    }),
    candidates: standing.map((c) => {
      const judges = state.judges.filter((j) => !conflictIn(state, j, c));
      return {
        nominationId: c.nominationId,
        name: c.name,
        category: c.category,
        district: c.district,
        judges: judges.length,
        scored: judges.filter((j) => scoredPairs.has(`${j.username}\n${c.nominationId}`)).length,
        missing: missing.filter((m) => m.candidate === c).map((m) => m.judge.username),
      };
    }),
  };
};

/**
 * An admin closes judging with a reason (scores still missing are then accepted as missing); kept in the audit trail.
 */
export const closeJudging = async (cid: string, reason: string, actor: Actor, deps: JudgingDeps): Promise<Campaign> => {
  const campaign = await getCampaign(cid, deps, actor);
  if (campaign.judgingClosed)
    throw new ConflictError(
      'JUDGING_CLOSED',
      say(`评审已由 ${campaign.judgingClosed.by} 关闭`, `Judging was already closed by ${campaign.judgingClosed.by}`),
    );
  if (before(campaign.stage, 'publicity') || !before(campaign.stage, 'announcement')) {
    throw new ConflictError(
      'WRONG_STAGE',
      say(
        `评审只能在“公示”至“计票评分”阶段关闭，评选活动现处于“${STAGE_NAMES[campaign.stage]}”阶段`,
        `Judging can be closed from publicity to scoring; the campaign is in ${campaign.stage}`,
      ),
      { stage: campaign.stage },
    );
  }
  const at = isoNow(deps);
  const updated: Campaign = {
    ...campaign,
    judgingClosed: { by: actor.username, at, reason },
    version: campaign.version + 1,
  };
  const missing = missingPairs(await loadJudgingState(campaign, deps)).length;
  await deps.campaigns.update(
    updated,
    audit(campaign, actor, 'judging.closed', at, { reason, details: { missingScores: missing } }),
  );
  return updated;
};

/**
 * Stage facts `missingScores` (judge-candidate pairs without a score, conflicts excluded) and `lastScoredAt` (results
 * computed before a later score are stale).
 */
export const missingScoresContributor =
  (deps: Pick<JudgingDeps, 'judging' | 'candidates'>): FactsContributor =>
  async (campaign) => {
    const state = await loadJudgingState(campaign, deps);
    const lastScoredAt = state.scores.reduce<string | undefined>(
      (last, s) => (!last || s.at > last ? s.at : last),
      undefined,
    );
    return { missingScores: missingPairs(state).length, ...(lastScoredAt ? { lastScoredAt } : {}) };
  };
