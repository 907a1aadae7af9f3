/**
 * The two application forms of the notice, field by field: 附件2 荆门市优质服务窗口评选申报表 (window)
 * and 附件3 荆门市窗口行业优质服务明星评选申报表 (star), plus the written account (评选文字材料) both
 * need. One field list builds the zod schema the API validates with, the JSON Schema pages render,
 * the printable form and the CSV export. The department's opinion, stamp and date are not form
 * fields: the department gives them when it endorses.
 *
 * Lengths are counted in characters (Unicode code points), so an emoji or a rare CJK character
 * counts once. Text refuses lone surrogates, control characters and bidirectional overrides;
 * single-line fields also refuse line breaks and zero-width characters.
 */
import * as z from '../zod';
import type { Category } from '../campaigns/schema';
import { chineseDay } from '../campaigns/timing';
import { REQUIRED, requiredWhenMissing } from '../validation';

export type CharBounds = { min: number; max: number };
/** The campaign's configurable bounds (`campaign.config.forms`). */
export interface FormBounds {
  resumeChars: CharBounds;
  accountChars: CharBounds;
}
/** `draft`: every field optional, formats and maxima checked; `complete`: what submitting needs. */
export type FormMode = 'draft' | 'complete';

export const HOBBIES = ['唱歌', '器乐', '舞蹈', '曲艺', '绘画', '其他'] as const;
/** The hobby box that takes free text (`hobbiesOther`). */
export const OTHER_HOBBY = '其他';

export const SEXES = ['男', '女'] as const;
/** 政治面貌 as GB/T 4762. */
export const POLITICAL_STATUSES = [
  '中共党员',
  '中共预备党员',
  '共青团员',
  '民革党员',
  '民盟盟员',
  '民建会员',
  '民进会员',
  '农工党党员',
  '致公党党员',
  '九三学社社员',
  '台盟盟员',
  '无党派人士',
  '群众',
] as const;
export const EDUCATION_LEVELS = [
  '博士研究生',
  '硕士研究生',
  '大学本科',
  '大学专科',
  '中等专科',
  '高中',
  '初中及以下',
] as const;

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
/** A mainland mobile, or a landline with or without its area code (the notice's own is 2372245). */
const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|[2-9]\d{6,7})$/;
const MONTH_PATTERN = /^(19[3-9]\d|20[0-4]\d)-(0[1-9]|1[0-2])$/;

type Kind =
  | { type: 'line'; max: number }
  | { type: 'text'; max: number }
  | { type: 'bounded'; bounds: keyof FormBounds }
  | { type: 'mobile' }
  | { type: 'phone' }
  | { type: 'month' }
  | { type: 'choice'; options: readonly string[] }
  | { type: 'choices'; options: readonly string[] };

export interface FieldSpec {
  key: string;
  /** The label printed on the annex. */
  title: string;
  kind: Kind;
  /** Needed to submit. */
  required: boolean;
  /** Personal data (SPEC.md): never public, never logged, not shown to judges. */
  personal?: boolean;
  hint?: string;
}

/**
 * The notice's conditions (四, 六(二)3, 六(二)5) as declarations: the applicant declares each on the form
 * (`declarations` lists the ones declared) and its department confirms each when it endorses.
 */
export const DECLARATIONS = ['一线窗口', '无过错投诉', '廉洁奉公'] as const;
export type Declaration = (typeof DECLARATIONS)[number];
export const DECLARATION_TEXTS: Record<Category, Record<Declaration, string>> = {
  window: {
    一线窗口: '本单位是通知所列行业中直接面向社会、服务群众的窗口',
    无过错投诉: '本单位一年内没有发生过错性群众投诉事件',
    廉洁奉公: '本单位工作人员严格遵守法律法规和窗口办件制度，廉洁奉公',
  },
  star: {
    一线窗口: '本人在通知所列行业直接面向社会、服务群众的窗口一线岗位工作',
    无过错投诉: '本人一年内没有发生过错性群众投诉事件',
    廉洁奉公: '本人严格遵守法律法规和窗口办件制度，严以律己，廉洁奉公',
  },
};

const declarations = (category: Category): FieldSpec => ({
  key: 'declarations',
  title: '申报承诺',
  kind: { type: 'choices', options: DECLARATIONS },
  // Not a gap of the form: submitting without every declaration is its own 422 (DECLARATIONS_MISSING).
  required: false,
  hint: DECLARATIONS.map((d) => `${d}：${DECLARATION_TEXTS[category][d]}`).join('；'),
});

/** One declaration not made (or not confirmed), in the shape of the 422 details' `missing` entries. */
export const declarationGap = (category: Category, declaration: Declaration, field: string) => ({
  field,
  label: declaration,
  declaration,
  text: DECLARATION_TEXTS[category][declaration],
  message: `${declaration}：${DECLARATION_TEXTS[category][declaration]}`,
  messageEn: `Declaration ${declaration} is ${field === 'confirmed' ? 'not confirmed' : 'not made'}`,
});

/** The declarations of the three a form does not make, each with its statement. */
export const missingDeclarations = (category: Category, form: NominationForm) => {
  const made = Array.isArray(form.declarations) ? form.declarations : [];
  return DECLARATIONS.filter((d) => !made.includes(d)).map((d) => declarationGap(category, d, 'declarations'));
};

/** Whether the form claims honours (以往获得荣誉), which then need copies of their certificates. */
export const claimsHonours = (form: NominationForm): boolean =>
  typeof form.honours === 'string' && form.honours.trim() !== '';

const honours: FieldSpec = {
  key: 'honours',
  title: '以往获得荣誉',
  kind: { type: 'text', max: 1000 },
  required: false,
  hint: '如曾获得奖项，需上传获奖证书复印件',
};

const account: FieldSpec = {
  key: 'account',
  title: '评选文字材料',
  kind: { type: 'bounded', bounds: 'accountChars' },
  required: true,
  hint: '一篇1000字左右的评选文字材料',
};

/** The contact's opt-in to text messages about the nomination (shared/notifications): its mobile above is told. */
const smsConsent = (whose: string): FieldSpec => ({
  key: 'smsConsent',
  title: `${whose}同意接收短信通知`,
  kind: { type: 'choice', options: ['同意', '不同意'] },
  required: false,
  personal: true,
  hint: '退回、初审结果和评选结果公布时发短信告知',
});

export const FORM_FIELDS: Record<Category, FieldSpec[]> = {
  window: [
    { key: 'unitName', title: '单位名称', kind: { type: 'line', max: 60 }, required: true },
    { key: 'phone', title: '电话', kind: { type: 'phone' }, required: true, hint: '固定电话或手机号码' },
    { key: 'address', title: '单位地址', kind: { type: 'line', max: 120 }, required: true },
    { key: 'head', title: '负责人', kind: { type: 'line', max: 30 }, required: true },
    { key: 'headMobile', title: '负责人手机号码', kind: { type: 'mobile' }, required: true, personal: true },
    { key: 'handler', title: '经办人', kind: { type: 'line', max: 30 }, required: true },
    { key: 'handlerPost', title: '经办人职务', kind: { type: 'line', max: 30 }, required: true },
    { key: 'handlerMobile', title: '经办人手机号码', kind: { type: 'mobile' }, required: true, personal: true },
    smsConsent('经办人'),
    { key: 'declaration', title: '单位服务宣言或服务理念', kind: { type: 'text', max: 500 }, required: true },
    { key: 'deeds', title: '单位获得荣誉和主要事迹', kind: { type: 'text', max: 3000 }, required: true },
    honours,
    account,
    declarations('window'),
  ],
  star: [
    { key: 'name', title: '姓名', kind: { type: 'line', max: 30 }, required: true },
    { key: 'sex', title: '性别', kind: { type: 'choice', options: SEXES }, required: true },
    { key: 'birthMonth', title: '出生年月', kind: { type: 'month' }, required: true, personal: true, hint: 'YYYY-MM' },
    { key: 'nativePlace', title: '籍贯', kind: { type: 'line', max: 40 }, required: true, personal: true },
    {
      key: 'politicalStatus',
      title: '政治面貌',
      kind: { type: 'choice', options: POLITICAL_STATUSES },
      required: true,
      personal: true,
    },
    { key: 'workUnit', title: '工作单位', kind: { type: 'line', max: 60 }, required: true },
    { key: 'post', title: '岗位', kind: { type: 'line', max: 30 }, required: true },
    {
      key: 'education',
      title: '学历',
      kind: { type: 'choice', options: EDUCATION_LEVELS },
      required: true,
      personal: true,
    },
    { key: 'school', title: '毕业院校', kind: { type: 'line', max: 60 }, required: true, personal: true },
    { key: 'mobile', title: '手机号码', kind: { type: 'mobile' }, required: true, personal: true },
    smsConsent('本人'),
    { key: 'smileDeclaration', title: '微笑宣言', kind: { type: 'text', max: 200 }, required: true },
    { key: 'hobbies', title: '爱好特长', kind: { type: 'choices', options: HOBBIES }, required: false },
    {
      key: 'hobbiesOther',
      title: '其他爱好特长',
      kind: { type: 'line', max: 20 },
      required: false,
      hint: '选择“其他”时填写',
    },
    {
      key: 'resume',
      title: '个人主要简历（从业经历和职业技能）',
      kind: { type: 'bounded', bounds: 'resumeChars' },
      required: true,
      hint: '300字左右',
    },
    honours,
    account,
    declarations('star'),
  ],
};

/** Characters as people count them: code points, not UTF-16 units. */
export const charCount = (value: string): number => [...value].length;

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/u;
const CONTROL_LINE = /[\u0000-\u001F\u007F-\u009F]/u;
const CONTROL_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

const textSchema = (field: FieldSpec, bounds: CharBounds, multiline: boolean, mode: FormMode) => {
  const min = mode === 'complete' ? Math.max(bounds.min, 1) : 0;
  const { max } = bounds;
  return z.string().check(
    z.trim(),
    z.superRefine((value, ctx) => {
      const refuse = (zh: string, en: string) =>
        ctx.addIssue(z.customIssue(`${field.title}：${zh}`, `${field.title}: ${en}`));
      if (LONE_SURROGATE.test(value))
        return refuse('含有无效字符（孤立代理项）', 'contains an invalid character (lone surrogate)');
      if (BIDI_CONTROL.test(value)) return refuse('含有双向控制字符', 'contains a bidirectional control character');
      if ((multiline ? CONTROL_TEXT : CONTROL_LINE).test(value))
        return multiline
          ? refuse('含有控制字符', 'contains a control character')
          : refuse('须为一行，且不含控制字符', 'must be one line without control characters');
      if (!multiline && ZERO_WIDTH.test(value)) return refuse('含有零宽字符', 'contains a zero-width character');
      const count = charCount(value);
      if (count < min || count > max)
        refuse(`须为 ${min}-${max} 字（现为 ${count} 字）`, `must be ${min}-${max} characters (now ${count})`);
    }),
    z.meta({ title: field.title, minLength: min, maxLength: max, ...(field.hint ? { description: field.hint } : {}) }),
  );
};

const fieldSchema = (field: FieldSpec, bounds: FormBounds, mode: FormMode): z.ZodMiniType => {
  const meta = { title: field.title, ...(field.hint ? { description: field.hint } : {}) };
  const { kind } = field;
  switch (kind.type) {
    case 'line':
      return textSchema(field, { min: 1, max: kind.max }, false, mode);
    case 'text':
      return textSchema(field, { min: 1, max: kind.max }, true, mode);
    case 'bounded':
      return textSchema(field, bounds[kind.bounds], true, mode);
    case 'mobile':
      return z
        .string()
        .check(
          z.regex(
            MOBILE_PATTERN,
            z.bilingual(
              `${field.title}：须为 11 位中国大陆手机号码（1[3-9]xxxxxxxxx）`,
              `${field.title}: must be an 11-digit mainland mobile number (1[3-9]xxxxxxxxx)`,
            ),
          ),
          z.meta(meta),
        );
    case 'phone':
      return z
        .string()
        .check(
          z.regex(
            PHONE_PATTERN,
            z.bilingual(
              `${field.title}：须为手机号码或固定电话号码（如 0724-2372245）`,
              `${field.title}: must be a mobile number or a landline such as 0724-2372245`,
            ),
          ),
          z.meta(meta),
        );
    case 'month':
      return z
        .string()
        .check(
          z.regex(
            MONTH_PATTERN,
            z.bilingual(
              `${field.title}：须为年月（如 1988-05）`,
              `${field.title}: must be a year and month such as 1988-05`,
            ),
          ),
          z.meta(meta),
        );
    case 'choice': {
      // A missing choice falls through to the shared "is required" (see validation.ts).
      const { error } = z.bilingual(
        `${field.title}：请从${kind.options.join('、')}中选择一项`,
        `${field.title}: choose one of ${kind.options.join('、')}`,
      );
      return z
        .enum(kind.options as [string, ...string[]], {
          error: (issue) => (issue.input === undefined ? undefined : error(issue)),
        })
        .check(z.meta(meta));
    }
    case 'choices':
      return z
        .array(
          z.enum(
            kind.options as [string, ...string[]],
            z.bilingual(
              `${field.title}：请从${kind.options.join('、')}中选择`,
              `${field.title}: choose from ${kind.options.join('、')}`,
            ),
          ),
        )
        .check(
          z.maxLength(kind.options.length),
          z.refine(
            (list) => new Set(list).size === list.length,
            z.bilingual(`${field.title}：每个选项最多选一次`, `${field.title}: each choice at most once`),
          ),
          z.meta({ ...meta, uniqueItems: true }),
        );
  }
};

/** 其他 among the hobbies takes its free text, and the text only comes with 其他 (checked to submit). */
const checkOtherHobby = (form: NominationForm, ctx: z.core.$RefinementCtx) => {
  const chosen = Array.isArray(form.hobbies) && form.hobbies.includes(OTHER_HOBBY);
  const text = typeof form.hobbiesOther === 'string' && form.hobbiesOther !== '';
  if (chosen && !text) {
    ctx.addIssue({
      path: ['hobbiesOther'],
      ...z.customIssue('其他爱好特长：选择“其他”时必填', 'hobbiesOther: required when 其他 is chosen'),
    });
  }
  if (!chosen && text) {
    ctx.addIssue({
      path: ['hobbiesOther'],
      ...z.customIssue('其他爱好特长：仅在选择“其他”时填写', 'hobbiesOther: only with 其他 chosen among the hobbies'),
    });
  }
};

const FORM_TITLES: Record<Category, string> = {
  window: '荆门市优质服务窗口评选申报表',
  star: '荆门市窗口行业优质服务明星评选申报表',
};

/** The honour each category's winners are given with the title (notice 四), as forms and certificates name it. */
export const HONOURS: Record<Category, string> = { window: '荆门市“工人先锋号”', star: '“荆门五一劳动奖章”' };

/** What the form says of the honour that comes with the title. */
const FORM_NOTES: Record<Category, string> = {
  window: `“荆门市优质服务窗口”同时授予${HONOURS.window}`,
  star: `“荆门市窗口行业优质服务明星”同时授予${HONOURS.star}`,
};

/**
 * The form of a category as a strict zod object: unknown fields are refused, never stored. `complete` also checks the
 * rules across fields (其他 and its text).
 */
export const formSchema = (category: Category, bounds: FormBounds, mode: FormMode) =>
  z
    .strictObject(
      Object.fromEntries(
        FORM_FIELDS[category].map((field) => {
          const schema = fieldSchema(field, bounds, mode);
          return [field.key, mode === 'complete' && field.required ? schema : z.optional(schema)];
        }),
      ),
    )
    .check(
      ...(mode === 'complete' && category === 'star'
        ? [z.superRefine((form, ctx) => checkOtherHobby(form as NominationForm, ctx))]
        : []),
      z.meta({ title: FORM_TITLES[category], description: FORM_NOTES[category] }),
    );

export type NominationForm = Record<string, string | string[]>;

/** The form as JSON Schema (titles are the annex's Chinese labels), from the same zod schema the API validates with. */
export const formJsonSchema = (category: Category, bounds: FormBounds) =>
  z.toJSONSchema(formSchema(category, bounds, 'complete'), { io: 'input' });

const NOTES: Record<Category, [string, string]> = {
  window: [
    '此表作为“荆门市优质服务窗口”评选活动档案资料，请用 A4 纸正反面打印；',
    '本表一式两份（另附电子文档），需提供近期 5 寸单位电子版形象照片一张。',
  ],
  star: [
    '此表作为“荆门市窗口行业优质服务明星”评选活动档案资料，请用 A4 纸正反面打印；',
    '本表一式两份（另附电子文档），需提供近期个人 2 寸电子版形象照片一张。',
  ],
};

/**
 * The form's 说明 (notes), as the annex prints them; the second carries the day the forms are due at the office (the
 * campaign's forward deadline) when one is set.
 */
export const formNotes = (category: Category, deadline?: string): [string, string] => {
  const [first, second] = NOTES[category];
  return [first, deadline ? `${second}请于 ${chineseDay(deadline)}前报送评选活动办公室。` : second];
};

/** One thing that keeps a nomination from being submitted: the field, its label, what is wrong (zh and en). */
export interface FormGap {
  field: string;
  label: string;
  message: string;
  messageEn: string;
}

/** Everything that keeps a form from being complete: one entry per field, with its label and what is wrong. */
export const formGaps = (category: Category, bounds: FormBounds, form: NominationForm): FormGap[] => {
  const result = formSchema(category, bounds, 'complete').safeParse(form, { error: requiredWhenMissing });
  if (result.success) return [];
  const titles = new Map(FORM_FIELDS[category].map((f) => [f.key, f.title]));
  return result.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const label = titles.get(field) ?? field;
    const text = z.issueText(issue);
    return issue.message === REQUIRED.zh
      ? { field, label, message: `${label}：${REQUIRED.zh}`, messageEn: `${label}: ${REQUIRED.en}` }
      : { field, label, message: text.zh, messageEn: text.en };
  });
};
