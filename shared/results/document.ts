/**
 * The published results document (results.json): every figure needed to recompute each
 * candidate's total and rank by hand or with `npm run verify-tally`, with the tally's roots and
 * the outcome configuration its hash was taken over. One immutable version per computation.
 */
import * as z from 'zod';
import { categorySchema, type Category } from '../campaigns/schema';
import type { ScoringRules } from '../scoring/scoring';

export const RESULTS_FORMAT = 'jingmen-service-awards/results-v1';

export const rankedCandidateSchema = z.object({
  nominationId: z.string(),
  category: categorySchema,
  district: z.string(),
  name: z.string(),
  disqualified: z.boolean(),
  votes: z.int().min(0),
  judgeTotals: z.array(z.int()),
  keptTotals: z.array(z.int()),
  votePart: z.number(),
  expertPart: z.number(),
  total: z.number(),
  rank: z.int().nullable(),
  tie: z.boolean(),
  tieAtQuota: z.boolean(),
  awarded: z.boolean(),
});

const quota = z.object({ recommend: z.int(), award: z.int() });

export const resultsDocumentSchema = z.object({
  format: z.literal(RESULTS_FORMAT),
  campaignId: z.string(),
  name: z.string(),
  year: z.int(),
  version: z.int().min(1),
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
  method: z.string(),
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
    config.districts.map((d) => [d.id, { window: d.quotas.window.award, star: d.quotas.star.award } as Record<Category, number>]),
  ),
});

/** A line of the published votes list (JSON lines, one counted vote each). */
export const votesLineSchema = z.strictObject({
  receiptId: z.string().min(1),
  candidateId: z.string().min(1),
  category: categorySchema,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
