/** The CSV files the office hands out (admins): scores per judge and criterion, results, and the anonymised votes. */
import { CATEGORIES, type Campaign } from '../campaigns/schema';
import { toCsv } from '../exports/csv';
import type { JudgingState } from '../judging/judging';
import { conflictOf } from '../judging/judging';
import { display } from '../scoring/scoring';
import { votesLineSchema } from './document';
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

/** The published votes list (JSON lines) as CSV: receipt, candidate, category, day; no voter data. */
export const votesCsv = async (lines: AsyncIterable<Buffer>): Promise<string> => {
  const rows: unknown[][] = [];
  let rest = '';
  const take = (line: string) => {
    if (line.trim() === '') return;
    const v = votesLineSchema.parse(JSON.parse(line));
    rows.push([v.receiptId, v.candidateId, v.category, v.day]);
  };
  for await (const chunk of lines) {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop()!;
    parts.forEach(take);
  }
  take(rest);
  return toCsv(['receipt id', 'candidate id', 'category', 'day'], rows);
};
