/**
 * The check anyone can run on the published files alone: recount every candidate's votes from the
 * votes list, recompute the Merkle roots, the configuration hash, every part, total, rank and
 * award by ranking, and name each published figure that does not match; then apply the published
 * overrides, check them (for this results.json, known candidates, never a disqualified one
 * awarded, no district over its award quota) and list the final awards.
 */
import { createHash } from 'node:crypto';
import { CATEGORIES, type Category } from '../campaigns/schema';
import { createTallyCounter } from '../scoring/recount';
import { rankCandidates } from '../scoring/scoring';
import {
  finalAward,
  latestOverrides,
  overridesDocumentSchema,
  resultsDocumentSchema,
  rulesOf,
  sha256,
  votesLineSchema,
  type PublishedCandidate,
  type PublishedOverride,
  type ResultsDocument,
} from './document';

/** A candidate awarded by the ranking or finally, and why the two differ if they do. */
export interface FinalAward {
  category: Category;
  nominationId: string;
  name: string;
  district: string;
  awardedByRanking: boolean;
  awarded: boolean;
  override?: PublishedOverride;
  disqualifiedSince: boolean;
}

export interface VerifyReport {
  ok: boolean;
  /** What was checked, in words, with the figures. */
  checked: string[];
  /** Each figure that does not match, naming it. */
  mismatches: string[];
  /**
   * Every candidate awarded by the ranking or after the overrides (the ranking's alone when no overrides list was
   * given).
   */
  awards: FinalAward[];
}

const TOLERANCE = 1e-9;

/** Splits a byte stream into lines while hashing it whole. */
async function* linesOf(
  chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  digest: ReturnType<typeof createHash>,
): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of chunks) {
    digest.update(chunk);
    const text = rest + chunk.toString();
    const lines = text.split('\n');
    rest = lines.pop()!;
    yield* lines;
  }
  if (rest !== '') yield rest;
}

const issues = (error: { issues: Array<{ path: PropertyKey[]; message: string }> }) =>
  error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');

/**
 * Applies and checks an overrides list against a verified results document: it must name this
 * results.json (by SHA-256) and only its candidates, award no candidate disqualified in it, and
 * leave no district over its award quota. Without a list, the awards are the ranking's.
 */
const applyOverrides = (
  doc: ResultsDocument,
  resultsText: string,
  overridesText: string | undefined,
  checked: string[],
  mismatches: string[],
): FinalAward[] => {
  let overrides: PublishedOverride[] = [];
  let disqualifiedSince = new Set<string>();
  if (overridesText === undefined) {
    checked.push("no overrides list given: the awards below are the ranking's, before any override");
  } else {
    let parsed;
    try {
      parsed = overridesDocumentSchema.safeParse(JSON.parse(overridesText));
    } catch {
      mismatches.push('the overrides file is not JSON');
      return [];
    }
    if (!parsed.success) {
      mismatches.push(`the overrides file is not an overrides document: ${issues(parsed.error)}`);
      return [];
    }
    const list = parsed.data;
    const differ = (what: string, published: unknown, expected: unknown) => {
      if (published !== expected)
        mismatches.push(
          `overrides ${what}: ${JSON.stringify(published)}, results.json has ${JSON.stringify(expected)}`,
        );
    };
    differ('results SHA-256', list.resultsSha256, sha256(resultsText));
    differ('campaign', list.campaignId, doc.campaignId);
    differ('results version', list.resultsVersion, doc.version);
    overrides = list.overrides;
    disqualifiedSince = new Set(list.disqualifiedSince);
  }

  const rows = new Map(CATEGORIES.flatMap((c) => doc.categories[c]).map((r) => [r.nominationId, r]));
  for (const o of overrides)
    if (!rows.has(o.nominationId)) mismatches.push(`override of ${o.nominationId}, who is not in the results`);
  for (const nid of disqualifiedSince)
    if (!rows.has(nid)) mismatches.push(`${nid} is listed as disqualified since, but is not in the results`);
  const latest = latestOverrides(overrides);
  const awards: FinalAward[] = [];
  for (const row of rows.values()) {
    const override = latest.get(row.nominationId);
    if (override?.awarded && row.disqualified)
      mismatches.push(`override awards ${row.category} ${row.nominationId} (${row.name}), who is disqualified`);
    const awarded = finalAward(row, override, disqualifiedSince.has(row.nominationId));
    if (awarded || row.awardedByRanking) {
      awards.push({
        category: row.category,
        nominationId: row.nominationId,
        name: row.name,
        district: row.district,
        awardedByRanking: row.awardedByRanking,
        awarded,
        override,
        disqualifiedSince: disqualifiedSince.has(row.nominationId),
      });
    }
  }
  const quotas = rulesOf(doc.config).awardQuotas;
  for (const category of CATEGORIES) {
    for (const district of new Set(doc.categories[category].map((r) => r.district))) {
      const quota = quotas[district]?.[category] ?? 0;
      const n = awards.filter((a) => a.awarded && a.category === category && a.district === district).length;
      if (n > quota)
        mismatches.push(
          `${category} awards in ${district} after the overrides: ${n}, over its award quota of ${quota}`,
        );
    }
  }
  if (overridesText !== undefined) {
    checked.push(
      `${overrides.length} override(s) and ${disqualifiedSince.size} later disqualification(s) applied: candidates, disqualifications and district award quotas checked`,
    );
  }
  return awards;
};

/**
 * Verifies a results document against a votes list (both as published), then applies and checks the overrides list if
 * given.
 */
export const verifyTally = async (
  resultsText: string,
  votesChunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  overridesText?: string,
): Promise<VerifyReport> => {
  const checked: string[] = [];
  const mismatches: string[] = [];
  const differ = (what: string, published: unknown, recomputed: unknown) => {
    const same =
      typeof published === 'number' && typeof recomputed === 'number'
        ? Math.abs(published - recomputed) <= TOLERANCE
        : JSON.stringify(published) === JSON.stringify(recomputed);
    if (!same)
      mismatches.push(`${what}: published ${JSON.stringify(published)}, recomputed ${JSON.stringify(recomputed)}`);
  };

  let raw: { config?: unknown };
  try {
    raw = JSON.parse(resultsText) as { config?: unknown };
  } catch {
    return { ok: false, checked, mismatches: ['the results file is not JSON'], awards: [] };
  }
  const parsed = resultsDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      checked,
      mismatches: [`the results file is not a results document: ${issues(parsed.error)}`],
      awards: [],
    };
  }
  const doc = parsed.data;
  differ('configuration hash', doc.configHash, sha256(JSON.stringify(raw.config)));

  const digest = createHash('sha256');
  const counter = createTallyCounter();
  let lines = 0;
  for await (const line of linesOf(votesChunks, digest)) {
    if (line.trim() === '') continue;
    lines += 1;
    let vote;
    try {
      vote = votesLineSchema.parse(JSON.parse(line));
    } catch {
      mismatches.push(`votes list line ${lines}: not a counted vote`);
      continue;
    }
    try {
      counter.add(vote);
    } catch (error) {
      mismatches.push(`votes list line ${lines}: ${(error as Error).message} (the list must be in receipt order)`);
    }
  }
  const tally = counter.finish();
  checked.push(`${tally.total} vote(s) recounted from ${lines} line(s)`);
  differ('votes list SHA-256', doc.tally.votesFile.sha256, digest.digest('hex'));
  differ('votes list lines', doc.tally.votesFile.lines, lines);
  differ('total votes', doc.tally.total, tally.total);
  differ('root of the whole vote', doc.tally.root, tally.root);
  for (const category of CATEGORIES) {
    differ(`${category} votes`, doc.tally.categories[category].votes, tally.categories[category].votes);
    differ(`${category} root`, doc.tally.categories[category].root, tally.categories[category].root);
  }

  const published = CATEGORIES.flatMap((c) => doc.categories[c]);
  const known = new Map(published.map((p) => [p.nominationId, p]));
  for (const [candidateId, votes] of tally.votes) {
    if (!known.has(candidateId)) mismatches.push(`votes for ${candidateId}, who is not in the results: ${votes}`);
  }
  const recomputed = rankCandidates(
    published.map((p) => ({ ...p, votes: tally.votes.get(p.nominationId) ?? 0 })),
    rulesOf(doc.config),
  );
  const fields: Array<keyof PublishedCandidate> = [
    'votes',
    'keptTotals',
    'votePart',
    'expertPart',
    'total',
    'rank',
    'tie',
    'tieAtQuota',
    'awardedByRanking',
  ];
  for (const category of CATEGORIES) {
    const mine = new Map(recomputed[category].map((r) => [r.nominationId, r]));
    for (const p of doc.categories[category]) {
      const r = mine.get(p.nominationId);
      if (!r) {
        mismatches.push(`${category} ${p.nominationId} (${p.name}) is listed under the wrong category`);
        continue;
      }
      for (const field of fields) differ(`${category} ${p.nominationId} (${p.name}) ${field}`, p[field], r[field]);
    }
  }
  checked.push(
    `${published.length} candidate(s): votes, kept judges' totals, vote part, expert part, total, rank, tie and award by ranking recomputed`,
  );
  const awards = applyOverrides(doc, resultsText, overridesText, checked, mismatches);
  return { ok: mismatches.length === 0, checked, mismatches, awards };
};
