/** Judges, their conflicts and their scores (notice 六; SPEC.md "Judging criteria"), and the request bodies. */
import * as z from 'zod';
import { categorySchema } from '../campaigns/schema';

const username = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'a username of 1-64 letters, digits, _ . @ or -');
const ref = z.string().trim().min(1).max(60);

export const judgeSchema = z.object({
  username,
  name: z.string().trim().min(1).max(60),
  district: ref,
  unit: ref,
  /** The judge's own supervising department: candidates of units under it are a conflict. */
  department: ref.optional(),
  addedAt: z.string(),
  addedBy: z.string(),
});
export type Judge = z.infer<typeof judgeSchema>;

export const addJudgeBodySchema = judgeSchema.omit({ addedAt: true, addedBy: true }).strict();
export type AddJudgeBody = z.infer<typeof addJudgeBodySchema>;

export const conflictSchema = z.object({
  judge: z.string(),
  nominationId: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const declareConflictsBodySchema = z.strictObject({
  nominationIds: z.array(z.string().min(1).max(100)).min(1).max(200),
  reason: z.string().trim().min(1).max(500),
});

export const scoreSchema = z.object({
  judge: z.string(),
  nominationId: z.string(),
  category: categorySchema,
  /** One integer per criterion of the category, in the configured order. */
  criteria: z.array(z.int()),
  total: z.int(),
  comment: z.string().optional(),
  at: z.string(),
  /** 1 for the first score, +1 for each revision. */
  revision: z.int(),
});
export type Score = z.infer<typeof scoreSchema>;

export const scoreBodySchema = z.strictObject({
  criteria: z.array(z.int()).min(1).max(10),
  comment: z.string().trim().max(1000).optional(),
});

export const closeJudgingBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });

/** Why a judge may not score a candidate. */
export type ConflictReason = 'declared' | 'own-unit' | 'own-department';
