/**
 * The stage machine: draft → nomination → review → publicity → voting → scoring → announcement →
 * awarded, one step at a time, each move checked against its preconditions (SPEC.md "Stages").
 * Pure: facts about the campaign come in, a list of checks with pass/fail and why comes out.
 */
import { type Bilingual, say } from '../errors';
import { STAGES, type Campaign, type Stage } from './schema';
import { publicityLongEnough } from './timing';

/** What the preconditions look at, gathered from the campaign's records and the votes queue. */
export interface StageFacts {
  /** Nominations forwarded by districts, reviewed or not. */
  forwarded: number;
  /** Forwarded nominations the office has not yet approved or rejected. */
  awaitingReview: number;
  /** Approved candidates still standing (not disqualified). */
  candidates: number;
  /** Objections on candidates without a ruling. */
  openObjections: number;
  /** The campaign's counted votes accepted by the API and not yet added to the counters (exact). */
  votesInFlight: number;
  /** The campaign's dead-lettered vote requests kept for an admin (GET /campaigns/{cid}/dead-votes). */
  votesDeadLettered: number;
  /** Candidate-judge pairs without a score (conflicts excluded). */
  missingScores: number;
  /**
   * The newest results, if any: their version and the vote ledger version they cover (the results concept contributes
   * it).
   */
  latestResults?: { version: number; ledgerVersion: number; computedAt: string };
  /** When a judge last saved a score (the judging concept contributes it): results must come after. */
  lastScoredAt?: string;
  /**
   * Per district, nominations not forwarded, by status (draft, submitted, returned, endorsed): contributed by the
   * nominations concept while the campaign is in `nomination`.
   */
  notForwarded?: Array<{ district: string; byStatus: Record<string, number> }>;
}

/** Something the admin should know before a move, which does not stop it. */
export interface TransitionWarning {
  key: string;
  district: string;
  count: number;
  byStatus: Record<string, number>;
  message: string;
  messageEn: string;
}

/** One check of a move: what it asks and what was found, each in Chinese with the English beside (`…En`). */
export interface PreconditionResult {
  key: string;
  description: string;
  descriptionEn: string;
  passed: boolean;
  detail: string;
  detailEn: string;
}

type Check = (campaign: Campaign, facts: StageFacts, now: Date) => PreconditionResult;

const check =
  (
    key: string,
    description: Bilingual,
    test: (campaign: Campaign, facts: StageFacts, now: Date) => [boolean, Bilingual],
  ): Check =>
  (campaign, facts, now) => {
    const [passed, detail] = test(campaign, facts, now);
    return {
      key,
      description: description.zh,
      descriptionEn: description.en,
      passed,
      detail: detail.zh,
      detailEn: detail.en,
    };
  };

const recommendPlaces = (campaign: Campaign, category: 'window' | 'star') =>
  campaign.config.districts.reduce((sum, d) => sum + d.quotas[category].recommend, 0);

const noOpenObjections = check(
  'no-open-objections',
  say('每条异议均已处理', 'Every objection has a ruling'),
  (_, f) => [
    f.openObjections === 0,
    f.openObjections === 0
      ? say('没有待处理的异议', 'no objection is open')
      : say(`尚有 ${f.openObjections} 条异议待处理`, `${f.openObjections} objection(s) still await a ruling`),
  ],
);

const places = (window: number, star: number) =>
  say(`优质服务窗口 ${window} 个，优质服务明星 ${star} 个`, `window: ${window} places, star: ${star} places`);
const candidates = (n: number) => say(`候选对象 ${n} 名`, `${n} candidate(s)`);

/** Leaving a stage of publication (publicity, announcement) needs the configured minimum period. */
const publicityPeriod = check(
  'publicity-period',
  say(
    '公示期已满（timing.minPublicityDays）',
    'The stage has lasted the minimum publicity period (timing.minPublicityDays)',
  ),
  (c, _, now) => {
    const { passed, days, minimum, until } = publicityLongEnough(c, now);
    return [
      passed,
      passed
        ? say(`已公示 ${days} 天，至少 ${minimum} 天`, `${days} day(s) of at least ${minimum}`)
        : say(
            `已公示 ${days} 天，至少 ${minimum} 天，${until.toISOString()} 起可进入下一阶段`,
            `${days} day(s) of at least ${minimum}: possible from ${until.toISOString()}`,
          ),
    ];
  },
);

/** The checks that must pass before a campaign may enter each stage. */
export const preconditions: Record<Exclude<Stage, 'draft'>, Check[]> = {
  nomination: [
    check(
      'recommend-places',
      say('每个类别都有推荐名额', 'Each category has recommend places (推荐名额) in some district'),
      (c) => {
        const window = recommendPlaces(c, 'window');
        const star = recommendPlaces(c, 'star');
        return [window > 0 && star > 0, places(window, star)];
      },
    ),
    check(
      'award-places',
      say('每个类别都有表彰名额', 'Each category has award places (表彰名额) in some district'),
      (c) => {
        const award = (cat: 'window' | 'star') => c.config.districts.reduce((sum, d) => sum + d.quotas[cat].award, 0);
        return [award('window') > 0 && award('star') > 0, places(award('window'), award('star'))];
      },
    ),
  ],
  review: [
    check(
      'nominations-forwarded',
      say('至少有一份申报已由县（市、区）报送', 'At least one nomination has been forwarded by a district'),
      (_, f) => [f.forwarded > 0, say(`已报送 ${f.forwarded} 份申报`, `${f.forwarded} nomination(s) forwarded`)],
    ),
  ],
  publicity: [
    check(
      'all-reviewed',
      say('报送的申报均已通过或未通过初审', 'Every forwarded nomination is approved or rejected'),
      (_, f) => [
        f.awaitingReview === 0,
        f.awaitingReview === 0
          ? say('均已初审', 'all reviewed')
          : say(`尚有 ${f.awaitingReview} 份申报待初审`, `${f.awaitingReview} nomination(s) await review`),
      ],
    ),
    check('has-candidates', say('至少有一名候选对象通过初审', 'At least one candidate is approved'), (_, f) => [
      f.candidates > 0,
      candidates(f.candidates),
    ]),
  ],
  voting: [
    publicityPeriod,
    noOpenObjections,
    check('has-candidates', say('至少有一名候选对象', 'At least one candidate stands'), (_, f) => [
      f.candidates > 0,
      candidates(f.candidates),
    ]),
  ],
  scoring: [],
  announcement: [
    check(
      'votes-drained',
      say(
        '本次评选受理的选票均已计入（没有处理中的选票，没有计票失败的请求）',
        'Every vote this campaign accepted has been counted (none on its way, no dead-lettered vote left)',
      ),
      (_, f) => [
        f.votesInFlight === 0 && f.votesDeadLettered === 0,
        say(
          `尚未计入 ${f.votesInFlight} 张，计票失败的请求 ${f.votesDeadLettered} 个（见 GET dead-votes）`,
          `${f.votesInFlight} vote(s) not yet counted, ${f.votesDeadLettered} dead-lettered request(s) (GET dead-votes)`,
        ),
      ],
    ),
    check(
      'judging-complete',
      say(
        '每位评审专家已为其可评的全部候选对象评分，或评审已由管理员关闭',
        'Every judge has scored every candidate they may score, or judging was closed by an admin',
      ),
      (c, f) => [
        f.missingScores === 0 || c.judgingClosed !== undefined,
        f.missingScores === 0
          ? say('没有缺少的评分', 'no score missing')
          : c.judgingClosed
            ? say(
                `缺少 ${f.missingScores} 项评分；评审已由 ${c.judgingClosed.by} 关闭：${c.judgingClosed.reason}`,
                `${f.missingScores} score(s) missing; judging closed by ${c.judgingClosed.by}: ${c.judgingClosed.reason}`,
              )
            : say(`缺少 ${f.missingScores} 项评分`, `${f.missingScores} score(s) missing`),
      ],
    ),
    check(
      'results-ready',
      say(
        '结果已计算，且最新结果涵盖选票台账的全部变动（计入和作废的选票）',
        'Results have been computed, and the newest cover every change of the vote ledger (votes counted and voided)',
      ),
      (c, f) => {
        const ledger = c.ledgerVersion ?? 0;
        const pending = c.voidsPending ?? 0;
        if (!f.latestResults) return [false, say('尚未计算', 'not computed yet')];
        const { version, ledgerVersion } = f.latestResults;
        if (pending > 0)
          return [
            false,
            say(
              `有 ${pending} 项作废正在进行或已中断（作废台账中待处理；中断的作废重做即可完成），完成后请重新计算结果`,
              `${pending} void(s) under way or interrupted (pending in the void ledger; an interrupted one finishes when repeated): then compute the results again`,
            ),
          ];
        if (ledgerVersion !== ledger)
          return [
            false,
            say(
              `结果已过期：第 ${version} 版结果按第 ${ledgerVersion} 版台账计算，此后有选票作废（现为第 ${ledger} 版台账），请重新计算结果`,
              `results version ${version} were computed at ledger version ${ledgerVersion}; votes were voided since (ledger version ${ledger}): compute the results again`,
            ),
          ];
        if (f.lastScoredAt && f.lastScoredAt > f.latestResults.computedAt)
          return [
            false,
            say(
              `结果已过期：第 ${version} 版结果计算于 ${f.latestResults.computedAt}，此后 ${f.lastScoredAt} 有评审专家评分，请重新计算结果`,
              `results version ${version} were computed at ${f.latestResults.computedAt}; a judge scored at ${f.lastScoredAt}: compute the results again`,
            ),
          ];
        return [
          true,
          say(
            `第 ${version} 版结果涵盖第 ${ledger} 版台账`,
            `results version ${version} cover ledger version ${ledger}`,
          ),
        ];
      },
    ),
  ],
  awarded: [publicityPeriod, noOpenObjections],
};

/** The stage after this one, or undefined at the end. Moves go forward one step only. */
export const nextStage = (stage: Stage): Exclude<Stage, 'draft'> | undefined =>
  STAGES[STAGES.indexOf(stage) + 1] as Exclude<Stage, 'draft'> | undefined;

export interface TransitionPlan {
  from: Stage;
  to: Exclude<Stage, 'draft'>;
  allowed: boolean;
  preconditions: PreconditionResult[];
  /** What the admin should know before the move (the move to `review`: nominations not forwarded, per district). */
  warnings: TransitionWarning[];
}

const NOT_FORWARDED_STATUSES = { draft: '草稿', submitted: '已提交', returned: '已退回', endorsed: '已评估' } as const;

/** Per district with nominations left behind, how many were not forwarded (they cannot be reviewed). */
const notForwardedWarnings = (campaign: Campaign, facts: StageFacts): TransitionWarning[] =>
  (facts.notForwarded ?? []).flatMap(({ district, byStatus }) => {
    const count = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
    if (count === 0) return [];
    const name = campaign.config.districts.find((d) => d.id === district)?.name ?? district;
    const statuses = (Object.keys(NOT_FORWARDED_STATUSES) as Array<keyof typeof NOT_FORWARDED_STATUSES>).filter(
      (s) => (byStatus[s] ?? 0) > 0,
    );
    return [
      {
        key: 'not-forwarded',
        district,
        count,
        byStatus,
        message: `${name}：${count} 件推荐未报送（${statuses.map((s) => `${NOT_FORWARDED_STATUSES[s]} ${byStatus[s]}`).join('，')}）`,
        messageEn: `${name} (${district}): ${count} nomination(s) not forwarded (${statuses.map((s) => `${s} ${byStatus[s]}`).join(', ')})`,
      },
    ];
  });

/**
 * Evaluates every precondition of moving to `to` at `now`, with the warnings of the move; a move other than to the
 * next stage is never allowed.
 */
export const planTransition = (
  campaign: Campaign,
  to: Stage,
  facts: StageFacts,
  now: Date = new Date(),
): TransitionPlan | undefined => {
  const next = nextStage(campaign.stage);
  if (to === 'draft' || next !== to) return undefined;
  const results = preconditions[to].map((c) => c(campaign, facts, now));
  return {
    from: campaign.stage,
    to,
    allowed: results.every((r) => r.passed),
    preconditions: results,
    warnings: to === 'review' ? notForwardedWarnings(campaign, facts) : [],
  };
};
