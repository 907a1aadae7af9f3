/** Judges, their conflicts and their scores (notice 六; SPEC.md "Judging criteria"), and the request bodies. */
import * as z from '../zod';
import { categorySchema } from '../campaigns/schema';

const username = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9_.@-]{1,64}$/,
      z.bilingual('用户名须为 1-64 个字母、数字或 _ . @ -', 'a username of 1-64 letters, digits, _ . @ or -'),
    ),
  );
const ref = z.string().check(z.trim(), z.minLength(1), z.maxLength(60));

export const judgeSchema = z.object({
  username,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  district: ref,
  unit: ref,
  /** The judge's own supervising department: candidates of units under it are a conflict. */
  department: z.optional(ref),
  addedAt: z.string(),
  addedBy: z.string(),
});
export type Judge = z.infer<typeof judgeSchema>;

export const addJudgeBodySchema = z.strictObject(z.omit(judgeSchema, { addedAt: true, addedBy: true }).shape);
export type AddJudgeBody = z.infer<typeof addJudgeBodySchema>;

export const conflictSchema = z.object({
  judge: z.string(),
  nominationId: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const declareConflictsBodySchema = z.strictObject({
  nominationIds: z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.minLength(1), z.maxLength(200)),
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
});

export const scoreSchema = z.object({
  judge: z.string(),
  nominationId: z.string(),
  category: categorySchema,
  /** One integer per criterion of the category, in the configured order. */
  criteria: z.array(z.int()),
  total: z.int(),
  comment: z.optional(z.string()),
  at: z.string(),
  /** 1 for the first score, +1 for each revision. */
  revision: z.int(),
});
export type Score = z.infer<typeof scoreSchema>;

export const scoreBodySchema = z.strictObject({
  criteria: z.array(z.int()).check(z.minLength(1), z.maxLength(10)),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
});

export const closeJudgingBodySchema = z.strictObject({
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
});

/** Why a judge may not score a candidate. */
export type ConflictReason = 'declared' | 'own-unit' | 'own-department';
