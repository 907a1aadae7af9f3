/**
 * Objections (异议, 征求意见) on a candidate of the public notice: a voter who verified their mobile
 * number files one with a name, that number (personal data: kept for the office to call back,
 * never public, never logged) and the content; an admin rules on each (uphold: the candidate is
 * disqualified; dismiss), with a reason, one at a time or several at once.
 */
import * as z from '../zod';
import { type Bilingual, say } from '../errors';
import { MOBILE_PATTERN, charCount } from '../nominations/forms';

export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export const RULING_DECISIONS = ['uphold', 'dismiss'] as const;

/** Content bounds, in characters (code points). */
export const OBJECTION_CONTENT_CHARS = { min: 10, max: 2000 } as const;

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/u;
const CONTROL_LINE = /[\u0000-\u001F\u007F-\u009F]/u;
const CONTROL_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** Trimmed text of `min`-`max` characters, without control, invisible or bidi-override characters. */
const text = (label: Bilingual, { min, max }: { min: number; max: number }, multiline: boolean) =>
  z.string().check(
    z.trim(),
    z.superRefine((value, ctx) => {
      const refuse = (zh: string, en: string) =>
        ctx.addIssue(z.customIssue(`${label.zh}：${zh}`, `${label.en}: ${en}`));
      if (LONE_SURROGATE.test(value))
        return refuse('含有无效字符（孤立代理项）', 'contains an invalid character (lone surrogate)');
      if (INVISIBLE.test(value))
        return refuse('含有不可见字符或双向控制字符', 'contains an invisible or bidirectional control character');
      if ((multiline ? CONTROL_TEXT : CONTROL_LINE).test(value))
        return refuse('含有控制字符', 'contains a control character');
      const count = charCount(value);
      if (count < min || count > max)
        refuse(`须为 ${min}-${max} 字（现为 ${count} 字）`, `must be ${min}-${max} characters (now ${count})`);
    }),
  );

export const objectionRequestSchema = z.strictObject({
  name: text(say('姓名', 'name (姓名)'), { min: 1, max: 30 }, false),
  phone: z
    .string()
    .check(
      z.regex(
        MOBILE_PATTERN,
        z.bilingual(
          '手机号码：须为 11 位中国大陆手机号码（1[3-9]xxxxxxxxx）',
          'phone (手机号码): must be an 11-digit mainland mobile number (1[3-9]xxxxxxxxx)',
        ),
      ),
    ),
  content: text(say('意见内容', 'content (意见内容)'), OBJECTION_CONTENT_CHARS, true),
  /** The objector asks to be told the ruling by text message (opt-in; default no). */
  notify: z.optional(z.boolean()),
});
export type ObjectionRequest = z.infer<typeof objectionRequestSchema>;

export const rulingRequestSchema = z.strictObject({
  decision: z.enum(RULING_DECISIONS),
  reason: text(say('理由', 'reason (理由)'), { min: 1, max: 1000 }, true),
});
export type RulingRequest = z.infer<typeof rulingRequestSchema>;

/** Most objections one bulk ruling takes. */
export const MAX_BULK_RULINGS = 100;

export const bulkRulingRequestSchema = z.extend(rulingRequestSchema, {
  objectionIds: z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(
    z.minLength(1),
    z.maxLength(MAX_BULK_RULINGS),
    z.refine(
      (ids) => new Set(ids).size === ids.length,
      z.bilingual('objectionIds：每条异议只能出现一次', 'objectionIds: each objection once'),
    ),
  ),
});
export type BulkRulingRequest = z.infer<typeof bulkRulingRequestSchema>;

export const rulingSchema = z.object({
  decision: z.enum(RULING_DECISIONS),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});

export const objectionSchema = z.object({
  /** `<campaignId>.<random>`: the id names its campaign, so one read finds it. */
  id: z.string(),
  campaignId: z.string(),
  nominationId: z.string(),
  name: z.string(),
  /** Personal data: admins only. */
  phone: z.string(),
  /** The verified voter who filed it (keyed hash of the phone): several objections from one voter show. */
  voterId: z.optional(z.string()),
  content: z.string(),
  /** The objector opted in to be told the ruling at `phone`. */
  notify: z.optional(z.boolean()),
  status: z.enum(OBJECTION_STATUSES),
  createdAt: z.string(),
  ruling: z.optional(rulingSchema),
});
export type Objection = z.infer<typeof objectionSchema>;
