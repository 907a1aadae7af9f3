/**
 * A campaign's configuration (SPEC.md: quotas, categories, sectors, criteria, vote limits,
 * weights, stage schedule) as one zod schema: the API validates with it, and the JSON Schema
 * served to pages comes from it.
 */
import * as z from '../zod';

export const STAGES = [
  'draft',
  'nomination',
  'review',
  'publicity',
  'voting',
  'scoring',
  'announcement',
  'awarded',
] as const;
export type Stage = (typeof STAGES)[number];

/** Each stage as the notice names it, for the messages people read. */
export const STAGE_NAMES: Record<Stage, string> = {
  draft: '筹备',
  nomination: '申报推荐',
  review: '初审',
  publicity: '公示',
  voting: '评选投票',
  scoring: '计票评分',
  announcement: '命名表彰公示',
  awarded: '表彰确定',
};

/** Whether `stage` is `milestone` or a later stage: the one place stages are compared by their order. */
export const hasReached = (stage: Stage, milestone: Stage): boolean =>
  STAGES.indexOf(stage) >= STAGES.indexOf(milestone);

export const CATEGORIES = ['window', 'star'] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;
/** Each category as the notice names it. */
export const CATEGORY_NAMES: Record<Category, string> = { window: '优质服务窗口', star: '优质服务明星' };

const id = z
  .string()
  .check(
    z.regex(
      /^[a-z][a-z0-9-]{1,39}$/,
      z.bilingual(
        '须为 2-40 个小写字母、数字或连字符，并以字母开头',
        'use 2-40 lowercase letters, digits or hyphens, starting with a letter',
      ),
    ),
  );
const label = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const intFrom = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

const quotaSchema = z
  .strictObject({
    recommend: intFrom(0, 500).check(z.describe('推荐名额')),
    award: intFrom(0, 500).check(z.describe('表彰名额')),
  })
  .check(
    z.refine(
      (q) => q.award <= q.recommend,
      z.bilingual('表彰名额不能超过推荐名额', 'the award quota cannot exceed the recommend quota'),
    ),
  );

export const districtSchema = z.strictObject({
  id,
  name: label(40),
  quotas: z.strictObject({ window: quotaSchema, star: quotaSchema }),
});
export type District = z.infer<typeof districtSchema>;

const criterionSchema = z.strictObject({ key: id, name: label(40), max: intFrom(1, 100) });
const criteriaListSchema = z.array(criterionSchema).check(
  z.minLength(1),
  z.maxLength(10),
  z.refine(
    (list) => list.reduce((sum, c) => sum + c.max, 0) === 100,
    z.bilingual('各项评分标准的满分之和须为 100（百分制）', "the criteria's maxima must add up to 100 (百分制)"),
  ),
  z.refine(
    (list) => new Set(list.map((c) => c.key)).size === list.length,
    z.bilingual('评分标准的 key 不能重复', 'criterion keys must be unique'),
  ),
);

/** The office's contact for the campaign (联系人, 电话, 邮箱): public by design, shown on the public view. */
const contactSchema = z
  .strictObject({
    name: label(40),
    phone: z.optional(
      z.string().check(z.regex(/^[0-9+()\- ]{5,30}$/, z.bilingual('须为电话号码', 'a telephone number'))),
    ),
    // A plain pattern, not z.email(): this schema reaches the hot-path bundles, kept small.
    email: z.optional(
      z.string().check(z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, z.bilingual('须为电子邮箱地址', 'an e-mail address'))),
    ),
  })
  .check(
    z.refine(
      (c) => c.phone !== undefined || c.email !== undefined,
      z.bilingual('请填写电话或电子邮箱', 'give a phone or an e-mail'),
    ),
  );

/** The steps with a deadline: the applicant submits, the department endorses, the district forwards. */
export const DEADLINE_STEPS = ['submit', 'endorse', 'forward'] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];

const timingSchema = z
  .strictObject({
    /** Days a stage of publication (publicity, announcement) must last before the campaign may leave it. */
    minPublicityDays: z.optional(intFrom(0, 60)),
    /** The last day (YYYY-MM-DD, read in Asia/Shanghai) of each step, enforced whatever the stage. */
    deadlines: z.optional(
      z.strictObject(
        Object.fromEntries(DEADLINE_STEPS.map((step) => [step, z.optional(z.iso.date())])) as Record<
          DeadlineStep,
          z.ZodMiniOptional<z.ZodMiniISODate>
        >,
      ),
    ),
  })
  .check(
    z.refine(
      (t) => {
        const days = DEADLINE_STEPS.flatMap((step) => t.deadlines?.[step] ?? []);
        return days.every((day, i) => i === 0 || day >= days[i - 1]!);
      },
      z.bilingual(
        '截止日期须按提交、评估、报送的先后顺序',
        'deadlines must follow the steps: submit, endorse, forward',
      ),
    ),
  );

/** Stage start times (Asia/Shanghai offsets recommended); the clock tick moves a campaign when one falls due. */
const scheduleSchema = z
  .strictObject(
    Object.fromEntries(
      STAGES.filter((s) => s !== 'draft').map((s) => [s, z.optional(z.iso.datetime({ offset: true }))]),
    ) as Record<Exclude<Stage, 'draft'>, z.ZodMiniOptional<z.ZodMiniISODateTime>>,
  )
  .check(
    z.refine(
      (schedule) => {
        const times = STAGES.flatMap((s) => (s !== 'draft' && schedule[s] ? [Date.parse(schedule[s])] : []));
        return times.every((t, i) => i === 0 || t > times[i - 1]!);
      },
      z.bilingual('日程中各阶段的开始时间须按阶段先后排列', 'scheduled stage times must follow the stage order'),
    ),
  );

const configObject = z.strictObject({
  year: intFrom(2000, 2100),
  name: label(100),
  districts: z.array(districtSchema).check(z.minLength(1), z.maxLength(50)),
  sectors: z.array(label(30)).check(z.minLength(1), z.maxLength(100)),
  criteria: z.strictObject({ window: criteriaListSchema, star: criteriaListSchema }),
  weights: z
    .strictObject({
      votes: z.number().check(z.gte(0), z.lte(100)),
      experts: z.number().check(z.gte(0), z.lte(100)),
    })
    .check(
      z.refine(
        (w) => w.votes + w.experts === 100,
        z.bilingual('投票与专家评分的权重之和须为 100', 'the vote and expert weights must add up to 100'),
      ),
    ),
  voting: z.strictObject({
    /** One vote per voter per candidate per day (default). */
    perCandidatePerDay: intFrom(1, 10),
    /** At most this many candidates per category per voter per day. */
    candidatesPerCategoryPerDay: intFrom(1, 100),
    /** Whether the tally is public live, hidden until results, or published as a daily snapshot. */
    liveCounts: z.enum(['live', 'hidden', 'daily']),
  }),
  judging: z.strictObject({
    /** Stages in which judges may score. */
    /** Stages in which judges may score besides `scoring` (notice 七(三): expert scores follow the vote). */
    stages: z.array(z.enum(['publicity', 'voting'])).check(z.minLength(1)),
    /** With this many judges or more, the highest and lowest totals are dropped. */
    dropExtremesFrom: intFrom(3, 100),
  }),
  forms: z.strictObject({
    /** 主要简历, "about 300 characters". */
    resumeChars: z.strictObject({ min: z.int().check(z.gte(0)), max: z.int().check(z.lte(5000)) }),
    /** 评选文字材料, "about 1,000 characters". */
    accountChars: z.strictObject({ min: z.int().check(z.gte(0)), max: z.int().check(z.lte(20000)) }),
    /** Honours claimed on a form need a verified copy of a certificate (获奖证书复印件) to submit; absent = true. */
    certificatesRequired: z.optional(z.boolean()),
  }),
  /** Approval at review needs the two signed paper copies (一式两份) recorded as received; absent = false. */
  paperCopiesRequired: z.optional(z.boolean()),
  schedule: scheduleSchema,
  /** When true, the clock tick performs each scheduled move once its time has come and its preconditions hold. */
  autoAdvance: z.boolean(),
  /** Who answers questions about the campaign (notice 七(一): 联系人, 电话, 邮箱). */
  contacts: z.optional(z.array(contactSchema).check(z.maxLength(10))),
  /** The minimum publicity period and the deadlines of each step. */
  timing: z.optional(timingSchema),
  /** Notifications (shared/notifications): messages this campaign may send per Asia/Shanghai day (default 500). */
  notifications: z.optional(z.strictObject({ dailyBudget: intFrom(0, 100_000) })),
});

type ConfigParts = Partial<z.infer<typeof configObject>>;

/** Rules across fields, checked on a whole configuration and on the parts a patch names. */
const checkConsistency = (config: ConfigParts, ctx: z.core.$RefinementCtx): void => {
  if (config.districts && new Set(config.districts.map((d) => d.id)).size !== config.districts.length) {
    ctx.addIssue({
      path: ['districts'],
      ...z.customIssue('县（市、区）的 id 不能重复', 'district ids must be unique'),
    });
  }
  if (config.sectors && new Set(config.sectors).size !== config.sectors.length) {
    ctx.addIssue({ path: ['sectors'], ...z.customIssue('行业不能重复', 'sectors must be unique') });
  }
  for (const key of ['resumeChars', 'accountChars'] as const) {
    const range = config.forms?.[key];
    if (range && range.min > range.max)
      ctx.addIssue({ path: ['forms', key], ...z.customIssue('min 不能大于 max', 'min must not exceed max') });
  }
};

export const campaignConfigSchema = configObject.check(z.superRefine(checkConsistency));
export type CampaignConfig = z.infer<typeof campaignConfigSchema>;

/** PATCH body: any top-level part of the configuration but the year, each part replaced whole. */
export const campaignPatchSchema = z.partial(z.omit(configObject, { year: true })).check(
  z.superRefine(checkConsistency),
  z.refine(
    (patch) => Object.keys(patch).length > 0,
    z.bilingual('请至少指明一项要更改的配置', 'name at least one part of the configuration to change'),
  ),
);
export type CampaignPatch = z.infer<typeof campaignPatchSchema>;

export const campaignSchema = z.object({
  id: z.string(),
  stage: z.enum(STAGES),
  config: campaignConfigSchema,
  /** Set when voting opens: the hash of the outcome-deciding configuration, frozen from then on. */
  frozenConfigHash: z.optional(z.string()),
  /** Judging closed explicitly by an admin (scores still missing are accepted as missing). */
  judgingClosed: z.optional(z.object({ by: z.string(), at: z.string(), reason: z.string() })),
  stageChangedAt: z.string(),
  /**
   * Bumped by each change of the vote ledger after counting (a void, at its start and at its end):
   * results record the one they cover, and announcement needs results that cover the current one.
   */
  ledgerVersion: z.optional(z.int()),
  /** Voids started and not yet finished: results cannot cover a ledger half way through a void. */
  voidsPending: z.optional(z.int()),
  createdAt: z.string(),
  createdBy: z.string(),
  version: z.int(),
});
export type Campaign = z.infer<typeof campaignSchema>;
