/**
 * The published documents. results.json: every figure needed to recompute each candidate's total,
 * rank and award by ranking (`awardedByRanking`) by hand or with `npm run verify-tally`, with the
 * tally's roots and the outcome configuration its hash was taken over; one immutable version per
 * computation. overrides.json beside it: every award override since (and each candidate
 * disqualified since), so the final award is the ranking's adjusted by what is listed there.
 */
import { createHash } from 'node:crypto';
import * as z from '../zod';
import { categorySchema, type Category } from '../campaigns/schema';
import type { ScoringRules } from '../scoring/scoring';
import { RECEIPT_ID } from '../votes/vote-message';

/** v3: Merkle leaves per bucket of receipts, the votes list in receipt order (merkle.ts); v2 had a leaf per vote. */
export const RESULTS_FORMAT = 'jingmen-service-awards/results-v3';
export const OVERRIDES_FORMAT = 'jingmen-service-awards/overrides-v1';

export const rankedCandidateSchema = z.object({
  nominationId: z.string(),
  category: categorySchema,
  district: z.string(),
  name: z.string(),
  disqualified: z.boolean(),
  votes: z.int().check(z.gte(0)),
  judgeTotals: z.array(z.int()),
  keptTotals: z.array(z.int()),
  votePart: z.number(),
  expertPart: z.number(),
  total: z.number(),
  rank: z.nullable(z.int()),
  tie: z.boolean(),
  tieAtQuota: z.boolean(),
  /** The award the ranking computes; the final award is this adjusted by overrides.json. */
  awardedByRanking: z.boolean(),
});

const quota = z.object({ recommend: z.int(), award: z.int() });

export const resultsDocumentSchema = z.object({
  format: z.literal(RESULTS_FORMAT),
  campaignId: z.string(),
  name: z.string(),
  year: z.int(),
  version: z.int().check(z.gte(1)),
  computedAt: z.string(),
  /** SHA-256 of JSON.stringify(config) as published (the campaign's frozen configuration hash). */
  configHash: z.string(),
  config: z.object({
    year: z.int(),
    districts: z.array(z.object({ id: z.string(), quotas: z.object({ window: quota, star: quota }) })),
    criteria: z.unknown(),
    weights: z.object({ votes: z.number(), experts: z.number() }),
    voting: z.unknown(),
    judging: z.object({ dropExtremesFrom: z.int() }),
  }),
  districtNames: z.record(z.string(), z.string()),
  /** How the results are computed, in Chinese (`method`) and English (`methodEn`, absent from older documents). */
  method: z.string(),
  methodEn: z.optional(z.string()),
  tally: z.object({
    total: z.int(),
    /** Voided votes: in the void ledger, not in the list. */
    voided: z.int(),
    root: z.string(),
    categories: z.record(categorySchema, z.object({ votes: z.int(), root: z.string() })),
    votesFile: z.object({ name: z.string(), sha256: z.string(), lines: z.int() }),
  }),
  categories: z.record(categorySchema, z.array(rankedCandidateSchema)),
});
export type ResultsDocument = z.infer<typeof resultsDocumentSchema>;
export type PublishedCandidate = z.infer<typeof rankedCandidateSchema>;

/** The scoring rules a document's configuration sets. */
export const rulesOf = (config: ResultsDocument['config']): ScoringRules => ({
  weights: config.weights,
  dropExtremesFrom: config.judging.dropExtremesFrom,
  awardQuotas: Object.fromEntries(
    config.districts.map((d) => [
      d.id,
      { window: d.quotas.window.award, star: d.quotas.star.award } as Record<Category, number>,
    ]),
  ),
});

/** A line of the published votes list (JSON lines, one counted vote each). */
export const votesLineSchema = z.strictObject({
  receiptId: z.string().check(z.regex(RECEIPT_ID)),
  candidateId: z.string().check(z.minLength(1)),
  category: categorySchema,
  day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
});

export const publishedOverrideSchema = z.object({
  nominationId: z.string(),
  awarded: z.boolean(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});
export type PublishedOverride = z.infer<typeof publishedOverrideSchema>;

export const overridesDocumentSchema = z.object({
  format: z.literal(OVERRIDES_FORMAT),
  campaignId: z.string(),
  resultsVersion: z.int().check(z.gte(1)),
  /** SHA-256 of the results.json these overrides adjust. */
  resultsSha256: z.string(),
  /** Oldest first; a candidate's latest override is the one that counts. */
  overrides: z.array(publishedOverrideSchema),
  /** Candidates disqualified after the results were computed: never awarded. */
  disqualifiedSince: z.array(z.string()),
});
export type OverridesDocument = z.infer<typeof overridesDocumentSchema>;

/** The hex SHA-256 of a text as UTF-8 (how the published files are referenced). */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The text of overrides.json for a results.json: the overrides (oldest first, only their public fields) and the
 * candidates disqualified since.
 */
export const overridesDocumentText = (
  resultsText: string,
  results: Pick<ResultsDocument, 'campaignId' | 'version'>,
  overrides: PublishedOverride[],
  disqualifiedSince: string[],
): string =>
  JSON.stringify(
    {
      format: OVERRIDES_FORMAT,
      campaignId: results.campaignId,
      resultsVersion: results.version,
      resultsSha256: sha256(resultsText),
      overrides: overrides.map(({ nominationId, awarded, reason, by, at }) => ({
        nominationId,
        awarded,
        reason,
        by,
        at,
      })),
      disqualifiedSince,
    } satisfies OverridesDocument,
    null,
    2,
  );

/** Each candidate's latest override (overrides oldest first). */
export const latestOverrides = <T extends PublishedOverride>(overrides: T[]): Map<string, T> =>
  new Map(overrides.map((o) => [o.nominationId, o]));

/**
 * The final award: the ranking's award replaced by the candidate's latest override; never for a disqualified candidate.
 */
export const finalAward = (
  row: PublishedCandidate,
  override: PublishedOverride | undefined,
  disqualifiedSince: boolean,
): boolean => !row.disqualified && !disqualifiedSince && (override ? override.awarded : row.awardedByRanking);
