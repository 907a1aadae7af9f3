/**
 * Score and ranking (SPEC.md "Score and ranking", notice 六/七): pure, from the published figures
 * alone (votes per candidate and each judge's total), so the verify script and the scoring
 * function run this same code. Ranks and ties are decided on exact fractions; the numbers shown
 * are ordinary floating-point values, rounded to two decimals only for display.
 */
import { CATEGORIES, type Category } from '../campaigns/schema';
import type { Bilingual } from '../errors';

export interface ScoringRules {
  weights: { votes: number; experts: number };
  /** With this many judges' totals or more, the highest and the lowest are dropped. */
  dropExtremesFrom: number;
  /** Award quota (表彰名额) per district id and category. */
  awardQuotas: Record<string, Record<Category, number>>;
}

export interface ScoringCandidate {
  nominationId: string;
  category: Category;
  district: string;
  name: string;
  /** Disqualified candidates are listed but never ranked or awarded, and their votes set no maximum. */
  disqualified: boolean;
  votes: number;
  /** Each scoring judge's total (0-100, an integer), in any order. */
  judgeTotals: number[];
}

export interface RankedCandidate extends ScoringCandidate {
  /** The judges' totals the mean is taken over (after dropping the extremes where due). */
  keptTotals: number[];
  votePart: number;
  expertPart: number;
  total: number;
  /** 1 for the best; tied candidates share a rank. Null when disqualified. */
  rank: number | null;
  /** Equal total, expert part and votes with another candidate: an admin settles it. */
  tie: boolean;
  /** A tie that straddles the district's last award place: none of it is awarded until an admin settles it. */
  tieAtQuota: boolean;
  /**
   * The ranking's award: what these figures compute. The final award is this adjusted by any published override (see
   * shared/results/document.ts).
   */
  awardedByRanking: boolean;
}

interface Fraction {
  n: bigint;
  d: bigint;
}

const SCALE = 1_000_000;
const weight = (w: number): bigint => BigInt(Math.round(w * SCALE));
const cmp = (a: Fraction, b: Fraction): number => {
  const diff = a.n * b.d - b.n * a.d;
  return diff === 0n ? 0 : diff > 0n ? 1 : -1;
};
const add = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });

/**
 * The judges' totals a candidate's expert part is the mean of: one highest and one lowest dropped from
 * `dropExtremesFrom` judges on.
 */
export const keptTotals = (totals: number[], dropExtremesFrom: number): number[] => {
  const sorted = [...totals].sort((a, b) => a - b);
  return sorted.length >= dropExtremesFrom ? sorted.slice(1, -1) : sorted;
};

interface Scored {
  candidate: ScoringCandidate;
  kept: number[];
  votePart: Fraction;
  expertPart: Fraction;
  total: Fraction;
}

/** Orders by total, then expert part, then votes (all descending); 0 means a tie. */
const compareScored = (a: Scored, b: Scored): number =>
  cmp(b.total, a.total) || cmp(b.expertPart, a.expertPart) || Math.sign(b.candidate.votes - a.candidate.votes);

const toNumber = (f: Fraction) => Number(f.n) / Number(f.d);

/** Ranks one category and picks each district's winners within its award quota. */
const rankCategory = (candidates: ScoringCandidate[], category: Category, rules: ScoringRules): RankedCandidate[] => {
  const standing = candidates.filter((c) => !c.disqualified);
  const maxVotes = Math.max(0, ...standing.map((c) => c.votes));
  const scored: Scored[] = standing.map((candidate) => {
    const kept = keptTotals(candidate.judgeTotals, rules.dropExtremesFrom);
    const votePart: Fraction =
      maxVotes === 0
        ? { n: 0n, d: 1n }
        : { n: weight(rules.weights.votes) * BigInt(candidate.votes), d: BigInt(SCALE) * BigInt(maxVotes) };
    const sum = kept.reduce((s, t) => s + BigInt(t), 0n);
    const expertPart: Fraction =
      kept.length === 0
        ? { n: 0n, d: 1n }
        : { n: weight(rules.weights.experts) * sum, d: BigInt(SCALE) * 100n * BigInt(kept.length) };
    return { candidate, kept, votePart, expertPart, total: add(votePart, expertPart) };
  });
  scored.sort((a, b) => compareScored(a, b) || a.candidate.nominationId.localeCompare(b.candidate.nominationId));

  const ranked = scored.map((s, i): RankedCandidate & { group: number } => {
    const first = scored.findIndex((other) => compareScored(other, s) === 0);
    const tie = scored.some((other, j) => j !== i && compareScored(other, s) === 0);
    return {
      ...s.candidate,
      keptTotals: s.kept,
      votePart: toNumber(s.votePart),
      expertPart: toNumber(s.expertPart),
      total: toNumber(s.total),
      rank: first + 1,
      tie,
      tieAtQuota: false,
      awardedByRanking: false,
      group: first,
    };
  });

  // Winners: walk each district's candidates best first, a tie group at a time, until its quota is full.
  for (const district of new Set(ranked.map((r) => r.district))) {
    const quota = rules.awardQuotas[district]?.[category] ?? 0;
    const mine = ranked.filter((r) => r.district === district);
    let taken = 0;
    for (let i = 0; i < mine.length && taken < quota; ) {
      const group = mine.filter((r) => r.group === mine[i]!.group);
      if (taken + group.length <= quota) for (const r of group) r.awardedByRanking = true;
      else for (const r of group) r.tieAtQuota = true;
      taken += group.length;
      i += group.length;
    }
  }

  const out: RankedCandidate[] = ranked.map(({ group: _group, ...r }) => r);
  const disqualified = candidates
    .filter((c) => c.disqualified)
    .sort((a, b) => a.nominationId.localeCompare(b.nominationId))
    .map(
      (c): RankedCandidate => ({
        ...c,
        keptTotals: keptTotals(c.judgeTotals, rules.dropExtremesFrom),
        votePart: 0,
        expertPart: 0,
        total: 0,
        rank: null,
        tie: false,
        tieAtQuota: false,
        awardedByRanking: false,
      }),
    );
  return [...out, ...disqualified];
};

/** Scores, ranks and picks the winners of every category (SPEC.md "Score and ranking"). */
export const rankCandidates = (
  candidates: ScoringCandidate[],
  rules: ScoringRules,
): Record<Category, RankedCandidate[]> =>
  Object.fromEntries(
    CATEGORIES.map((category) => [
      category,
      rankCategory(
        candidates.filter((c) => c.category === category),
        category,
        rules,
      ),
    ]),
  ) as Record<Category, RankedCandidate[]>;

/** Rounds a figure to two decimals, for display only. */
export const display = (value: number): number => Math.round((value + Number.EPSILON) * 100) / 100;

/** The method in words, shown with the results. */
export const methodText = (rules: ScoringRules): Bilingual => ({
  zh: [
    `总分（百分制）= 投票得分 + 专家评分得分。群众投票占 ${rules.weights.votes}%，专家评分占 ${rules.weights.experts}%。`,
    `投票得分 = ${rules.weights.votes} × 该候选对象的有效票数 ÷ 同类别现有候选对象中的最高有效票数（该类别无人得票时为 0）。`,
    `专家评分得分 = ${rules.weights.experts} × 各评审专家所评总分（每人 0-100 分）的平均值 ÷ 100；评审专家达 ${rules.dropExtremesFrom} 人及以上时，先去掉一个最高分和一个最低分。评审专家不为其申明回避的候选对象评分，也不为本人所在单位或本人所在主管部门下属单位的候选对象评分。`,
    '分类排名：在每个类别中按总分从高到低排列，以精确值计算（显示时四舍五入保留两位小数）；总分相同的，专家评分得分高者在前，再相同的得票多者在前，仍相同的并列（名次相同），由管理员裁定。',
    '拟表彰对象（awardedByRanking）：在每个类别中，各县（市、区）按其表彰名额取排名最前的候选对象；末位并列的由管理员裁定。被取消资格的候选对象予以列出，但不参与排名，也不予表彰。',
    '改判：在“命名表彰公示”阶段，管理员可说明理由更改表彰结果，但不得表彰被取消资格的候选对象，也不得超出该县（市、区）的表彰名额。每项改判（候选对象、是否表彰、理由、操作人、时间）均在 results.json 旁的 overrides.json 中公布，并列出结果计算后被取消资格的候选对象。最终表彰结果（awarded）为排名结果经该候选对象最近一次改判替换后的结果；结果计算后被取消资格的不予表彰。运行 `npm run verify-tally` 可依据 results.json 和 votes.jsonl 重新计算排名，再应用 overrides.json 进行核对。',
    '计票：每张计入的选票均予公布（回执编号、候选对象、类别、日期），按回执顺序排列（先按请求编号即“-”前的 40 位十六进制数，再按其后的序号）；作废的选票记入作废台账，不在此列。默克尔根（SHA-256）：每张选票的记录为 "receiptId|candidateId|category|day"；叶 = SHA-256(0x00 || 同一类别中回执编号前 4 位十六进制数相同的各条记录按回执顺序以换行符连接)，节点 = SHA-256(0x01 || 其最多 16 个子节点，自左至右)，叶按这 4 位数从小到大排列，单独一个的分组直接上移；总根为各类别根按类别名排序后构成的同样的树（见 shared/scoring/merkle.ts）。',
  ].join('\n'),
  en: [
    `Total (百分制) = vote part + expert part. Public votes weigh ${rules.weights.votes}%, experts ${rules.weights.experts}%.`,
    `Vote part = ${rules.weights.votes} × the candidate's valid votes ÷ the most valid votes of any standing candidate in the same category (0 when the category has no votes).`,
    `Expert part = ${rules.weights.experts} × the mean of the judges' totals (each 0-100) ÷ 100; with ${rules.dropExtremesFrom} or more judges, one highest and one lowest total are dropped first. A judge never scores a candidate they declared a conflict with, nor one from their own unit or a unit under their own department.`,
    'Ranking is per category (分类排名) by total, descending, computed on exact values (figures shown rounded to 2 decimals); ties go to the higher expert part, then to more votes, then are shown as ties (same rank) for an admin to settle.',
    "Winners (awardedByRanking): in each category, each district's best-ranked candidates up to its award quota (表彰名额); a tie across the last place is left to an admin. Disqualified candidates are listed, never ranked or awarded.",
    "Overrides: in announcement an admin may change an award, with a reason, never for a disqualified candidate and never beyond the district's award quota. Every override (candidate, awarded, reason, by, at) is published in overrides.json beside results.json, with the candidates disqualified since the results were computed. The final award (awarded) is the ranking's award replaced by the candidate's latest override, and none for a candidate disqualified since. `npm run verify-tally` recomputes the ranking from results.json and votes.jsonl, then applies overrides.json and checks it.",
    'Tally: every counted vote is published (receipt id, candidate, category, day) in receipt order (by request id, the 40 hex digits before the "-", then by the position after it); voided votes are in their own ledger, not in the list. Merkle roots (SHA-256): a vote\'s record is "receiptId|candidateId|category|day"; leaf = SHA-256(0x00 || the records of one category whose receipt ids share their first 4 hex digits, in receipt order, joined with a newline), node = SHA-256(0x01 || its up to 16 children, left to right), leaves in ascending order of those 4 digits, a group of one carried up; the whole root is the same tree over the category roots in name order (see shared/scoring/merkle.ts).',
  ].join('\n'),
});
