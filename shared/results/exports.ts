/**
 * The CSV files the office hands out (admins): scores per judge and criterion, results, and the lines of the anonymised
 * votes' file.
 */
import { CATEGORIES, type Campaign } from '../campaigns/schema';
import { csvCell, toCsv } from '../exports/csv';
import type { JudgingState } from '../judging/judging';
import { conflictOf } from '../judging/judging';
import { display } from '../scoring/scoring';
import type { CountedVote } from '../scoring/recount';
import type { ResultsState } from './results';

/** One row per judge, candidate and criterion; a score voided by a conflict is marked not counted. */
export const scoresCsv = (campaign: Campaign, state: JudgingState): string => {
  const judges = new Map(state.judges.map((j) => [j.username, j]));
  const candidates = new Map(state.candidates.map((c) => [c.nominationId, c]));
  const rows = state.scores
    .slice()
    .sort((a, b) => a.judge.localeCompare(b.judge) || a.nominationId.localeCompare(b.nominationId))
    .flatMap((score) => {
      const judge = judges.get(score.judge);
      const candidate = candidates.get(score.nominationId);
      const counted = Boolean(
        judge &&
          candidate &&
          !candidate.disqualified &&
          !conflictOf(judge, candidate, state.declared.get(score.judge) ?? new Set()),
      );
      return campaign.config.criteria[score.category].map((criterion, i) => [
        score.judge,
        judge?.name,
        score.nominationId,
        candidate?.name,
        score.category,
        criterion.key,
        criterion.name,
        criterion.max,
        score.criteria[i],
        score.total,
        counted ? 'yes' : 'no',
        score.comment,
        score.at,
      ]);
    });
  return toCsv(
    [
      'judge',
      'judge name',
      'nomination id',
      'candidate',
      'category',
      'criterion',
      'criterion name',
      'max',
      'score',
      'judge total',
      'counted',
      'comment',
      'scored at',
    ],
    rows,
  );
};

/** One row per candidate: category, rank, every figure (2 decimals), district, award and any override. */
export const resultsCsv = ({ document, rows }: ResultsState): string =>
  toCsv(
    [
      'category',
      'rank',
      'tie',
      'nomination id',
      'name',
      'district',
      'votes',
      'judges',
      'judge totals',
      'vote part',
      'expert part',
      'total',
      'awarded by ranking',
      'awarded',
      'override reason',
      'disqualified',
    ],
    CATEGORIES.flatMap((category) =>
      rows[category].map((r) => [
        category,
        r.rank,
        r.tie ? 'tie' : '',
        r.nominationId,
        r.name,
        document.districtNames[r.district] ?? r.district,
        r.votes,
        r.judgeTotals.length,
        r.judgeTotals.join(' '),
        display(r.votePart).toFixed(2),
        display(r.expertPart).toFixed(2),
        display(r.total).toFixed(2),
        r.awardedByRanking ? 'yes' : 'no',
        r.awardedFinal ? 'yes' : 'no',
        r.override?.reason,
        r.disqualified || r.disqualifiedSince ? 'yes' : '',
      ]),
    ),
  );

/**
 * The votes CSV's first line (with the byte-order mark) and one line per counted vote: receipt, candidate, category,
 * day; no voter data.
 */
export const VOTES_CSV_HEADER = `\uFEFF${['receipt id', 'candidate id', 'category', 'day'].join(',')}`;
export const votesCsvLine = (v: CountedVote): string =>
  [v.receiptId, v.candidateId, v.category, v.day].map(csvCell).join(',');
