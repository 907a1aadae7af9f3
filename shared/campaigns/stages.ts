/**
 * The stage machine: draft → nomination → review → publicity → voting → scoring → announcement →
 * awarded, one step at a time, each move checked against its preconditions (SPEC.md "Stages").
 * Pure: facts about the campaign come in, a list of checks with pass/fail and why comes out.
 */
import { STAGES, type Campaign, type Stage } from './schema';

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
  latestResults?: { version: number; ledgerVersion: number };
}

export interface PreconditionResult {
  key: string;
  description: string;
  passed: boolean;
  detail: string;
}

type Check = (campaign: Campaign, facts: StageFacts) => PreconditionResult;

const check =
  (key: string, description: string, test: (campaign: Campaign, facts: StageFacts) => [boolean, string]): Check =>
  (campaign, facts) => {
    const [passed, detail] = test(campaign, facts);
    return { key, description, passed, detail };
  };

const recommendPlaces = (campaign: Campaign, category: 'window' | 'star') =>
  campaign.config.districts.reduce((sum, d) => sum + d.quotas[category].recommend, 0);

const noOpenObjections = check('no-open-objections', 'Every objection has a ruling', (_, f) => [
  f.openObjections === 0,
  f.openObjections === 0 ? 'no objection is open' : `${f.openObjections} objection(s) still await a ruling`,
]);

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
        return [true, `results version ${f.latestResults.version} cover ledger version ${ledger}`];
      },
    ),
  ],
  awarded: [noOpenObjections],
};

/** The stage after this one, or undefined at the end. Moves go forward one step only. */
/** Whether `stage` is `milestone` or a later stage: the one place stages are compared by their order. */
export const hasReached = (stage: Stage, milestone: Stage): boolean =>
  STAGES.indexOf(stage) >= STAGES.indexOf(milestone);

export const nextStage = (stage: Stage): Exclude<Stage, 'draft'> | undefined =>
  STAGES[STAGES.indexOf(stage) + 1] as Exclude<Stage, 'draft'> | undefined;

export interface TransitionPlan {
  from: Stage;
  to: Exclude<Stage, 'draft'>;
  allowed: boolean;
  preconditions: PreconditionResult[];
}

/** Evaluates every precondition of moving to `to`; a move other than to the next stage is never allowed. */
export const planTransition = (campaign: Campaign, to: Stage, facts: StageFacts): TransitionPlan | undefined => {
  const next = nextStage(campaign.stage);
  if (to === 'draft' || next !== to) return undefined;
  const results = preconditions[to].map((c) => c(campaign, facts));
  return { from: campaign.stage, to, allowed: results.every((r) => r.passed), preconditions: results };
};
