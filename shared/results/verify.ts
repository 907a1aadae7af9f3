/**
 * The check anyone can run on the published files alone: recount every candidate's votes from the
 * votes list, recompute the Merkle roots, the configuration hash, every part, total, rank and
 * award, and name each published figure that does not match.
 */
import { createHash } from 'node:crypto';
import { CATEGORIES } from '../campaigns/schema';
import { createTallyCounter } from '../scoring/recount';
import { rankCandidates } from '../scoring/scoring';
import { resultsDocumentSchema, rulesOf, votesLineSchema, type PublishedCandidate } from './document';

export interface VerifyReport {
  ok: boolean;
  /** What was checked, in words, with the figures. */
  checked: string[];
  /** Each figure that does not match, naming it. */
  mismatches: string[];
}

const TOLERANCE = 1e-9;

/** Splits a byte stream into lines while hashing it whole. */
async function* linesOf(chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, digest: ReturnType<typeof createHash>): AsyncGenerator<string> {
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

/** Verifies a results document against a votes list (both as published). */
export const verifyTally = async (resultsText: string, votesChunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): Promise<VerifyReport> => {
  const checked: string[] = [];
  const mismatches: string[] = [];
  const differ = (what: string, published: unknown, recomputed: unknown) => {
    const same = typeof published === 'number' && typeof recomputed === 'number' ? Math.abs(published - recomputed) <= TOLERANCE : JSON.stringify(published) === JSON.stringify(recomputed);
    if (!same) mismatches.push(`${what}: published ${JSON.stringify(published)}, recomputed ${JSON.stringify(recomputed)}`);
  };

  let raw: { config?: unknown };
  try {
    raw = JSON.parse(resultsText) as { config?: unknown };
  } catch {
    return { ok: false, checked, mismatches: ['the results file is not JSON'] };
  }
  const parsed = resultsDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, checked, mismatches: [`the results file is not a results document: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`] };
  }
  const doc = parsed.data;
  differ('configuration hash', doc.configHash, createHash('sha256').update(JSON.stringify(raw.config)).digest('hex'));

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
    counter.add(vote);
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
  const fields: Array<keyof PublishedCandidate> = ['votes', 'keptTotals', 'votePart', 'expertPart', 'total', 'rank', 'tie', 'tieAtQuota', 'awarded'];
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
  checked.push(`${published.length} candidate(s): votes, kept judges' totals, vote part, expert part, total, rank, tie and award recomputed`);
  return { ok: mismatches.length === 0, checked, mismatches };
};
