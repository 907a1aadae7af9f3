/**
 * The stage machine: draft → nomination → review → publicity → voting → scoring → announcement →
 * awarded, one step at a time, each move checked against its preconditions (SPEC.md "Stages").
 * Pure: facts about the campaign come in, a list of checks with pass/fail and why comes out.
 */
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
}

export interface PreconditionResult {
  key: string;
  description: string;
  passed: boolean;
  detail: string;
}

type Check = (campaign: Campaign, facts: StageFacts, now: Date) => PreconditionResult;

const check =
  (
    key: string,
    description: string,
    test: (campaign: Campaign, facts: StageFacts, now: Date) => [boolean, string],
  ): Check =>
  (campaign, facts, now) => {
    const [passed, detail] = test(campaign, facts, now);
    return { key, description, passed, detail };
  };

const recommendPlaces = (campaign: Campaign, category: 'window' | 'star') =>
  campaign.config.districts.reduce((sum, d) => sum + d.quotas[category].recommend, 0);

const noOpenObjections = check('no-open-objections', 'Every objection has a ruling', (_, f) => [
  f.openObjections === 0,
  f.openObjections === 0 ? 'no objection is open' : `${f.openObjections} objection(s) still await a ruling`,
]);

/** Leaving a stage of publication (publicity, announcement) needs the configured minimum period. */
const publicityPeriod = check(
  'publicity-period',
  '公示期已满 / The stage has lasted the minimum publicity period (timing.minPublicityDays)',
  (c, _, now) => {
    const { passed, days, minimum, until } = publicityLongEnough(c, now);
    return [
      passed,
      passed
        ? `公示 ${days} 天，至少 ${minimum} 天 / ${days} day(s) of at least ${minimum}`
        : `公示 ${days} 天，至少 ${minimum} 天，${until.toISOString()} 起可进入下一阶段 / ${days} day(s) of at least ${minimum}: possible from ${until.toISOString()}`,
    ];
  },
);

/** The checks that must pass before a campaign may enter each stage. */
export const preconditions: Record<Exclude<Stage, 'draft'>, Check[]> = {
  nomination: [
    check('recommend-places', 'Each category has recommend places (推荐名额) in some district', (c) => {
      const window = recommendPlaces(c, 'window');
      const star = recommendPlaces(c, 'star');
      return [window > 0 && star > 0, `window: ${window} places, star: ${star} places`];
    }),
    check('award-places', 'Each category has award places (表彰名额) in some district', (c) => {
      const award = (cat: 'window' | 'star') => c.config.districts.reduce((sum, d) => sum + d.quotas[cat].award, 0);
      return [
        award('window') > 0 && award('star') > 0,
        `window: ${award('window')} places, star: ${award('star')} places`,
      ];
    }),
  ],
  review: [
    check('nominations-forwarded', 'At least one nomination has been forwarded by a district', (_, f) => [
      f.forwarded > 0,
      `${f.forwarded} nomination(s) forwarded`,
    ]),
  ],
  publicity: [
    check('all-reviewed', 'Every forwarded nomination is approved or rejected', (_, f) => [
      f.awaitingReview === 0,
      f.awaitingReview === 0 ? 'all reviewed' : `${f.awaitingReview} nomination(s) await review`,
    ]),
    check('has-candidates', 'At least one candidate is approved', (_, f) => [
      f.candidates > 0,
      `${f.candidates} candidate(s)`,
    ]),
  ],
  voting: [
    publicityPeriod,
    noOpenObjections,
    check('has-candidates', 'At least one candidate stands', (_, f) => [
      f.candidates > 0,
      `${f.candidates} candidate(s)`,
    ]),
  ],
  scoring: [],
  announcement: [
    check(
      'votes-drained',
      'Every vote this campaign accepted has been counted (none on its way, no dead-lettered vote left)',
      (_, f) => [
        f.votesInFlight === 0 && f.votesDeadLettered === 0,
        `${f.votesInFlight} vote(s) not yet counted, ${f.votesDeadLettered} dead-lettered request(s) (GET dead-votes)`,
      ],
    ),
    check(
      'judging-complete',
      'Every judge has scored every candidate they may score, or judging was closed by an admin',
      (c, f) => [
        f.missingScores === 0 || c.judgingClosed !== undefined,
        f.missingScores === 0
          ? 'no score missing'
          : c.judgingClosed
            ? `${f.missingScores} score(s) missing; judging closed by ${c.judgingClosed.by}: ${c.judgingClosed.reason}`
            : `${f.missingScores} score(s) missing`,
      ],
    ),
    check(
      'results-ready',
      'Results have been computed, and the newest cover every change of the vote ledger (votes counted and voided)',
      (c, f) => {
        const ledger = c.ledgerVersion ?? 0;
        const pending = c.voidsPending ?? 0;
        if (!f.latestResults) return [false, 'not computed yet'];
        if (pending > 0)
          return [
            false,
            `${pending} void(s) under way or interrupted (pending in the void ledger; an interrupted one finishes when repeated): then compute the results again`,
          ];
        if (f.latestResults.ledgerVersion !== ledger)
          return [
            false,
            `结果已过期 / results version ${f.latestResults.version} were computed at ledger version ${f.latestResults.ledgerVersion}; votes were voided since (ledger version ${ledger}): compute the results again`,
          ];
        if (f.lastScoredAt && f.lastScoredAt > f.latestResults.computedAt)
          return [
            false,
            `结果已过期：${f.lastScoredAt} 有评委评分 / results version ${f.latestResults.version} were computed at ${f.latestResults.computedAt}; a judge scored at ${f.lastScoredAt}: compute the results again`,
          ];
        return [true, `results version ${f.latestResults.version} cover ledger version ${ledger}`];
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
        message: `${name}：${count} 件推荐未报送（${statuses.map((s) => `${NOT_FORWARDED_STATUSES[s]} ${byStatus[s]}`).join('，')}）/ ${name} (${district}): ${count} nomination(s) not forwarded (${statuses.map((s) => `${s} ${byStatus[s]}`).join(', ')})`,
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
