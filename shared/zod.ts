/**
 * zod/mini (tree-shakable, unlike zod's classic API) with the project's messages, configured once:
 * every schema module imports `z` from here, so every bundle that parses has them. Chinese first:
 * an issue's `message` is Chinese, `issueText` gives it in both languages (validation.ts lists them
 * as each field's `message` and `messageEn`). Rendered here from the issue's code rather than with
 * zod's `zh-CN` and `en` locales: those would put ~5 KB into every bundle, and the hot ones are at
 * their budget.
 */
import { config, type core } from 'zod/mini';
import type { Bilingual } from './errors';

export * from 'zod/mini';

const TYPES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  array: '数组',
  object: '对象',
  null: '空值',
};
const UNITS: Record<string, [string, string]> = {
  string: ['个字符', 'characters'],
  array: ['项', 'items'],
  set: ['项', 'items'],
  file: ['字节', 'bytes'],
};

/** What is wrong, in both languages, from the issue's code and parameters (never from its input). */
const byCode = (issue: core.$ZodIssue | core.$ZodRawIssue): Bilingual => {
  switch (issue.code) {
    case 'invalid_type':
      return { zh: `应为${TYPES[issue.expected] ?? issue.expected}`, en: `expected ${issue.expected}` };
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = String(small ? issue.minimum : issue.maximum);
      const unit = UNITS[issue.origin];
      if (unit)
        return small
          ? { zh: `至少 ${limit} ${unit[0]}`, en: `at least ${limit} ${unit[1]}` }
          : { zh: `最多 ${limit} ${unit[0]}`, en: `at most ${limit} ${unit[1]}` };
      const [zh, en] = small
        ? issue.inclusive
          ? ['不能小于', 'must be at least']
          : ['须大于', 'must be greater than']
        : issue.inclusive
          ? ['不能大于', 'must be at most']
          : ['须小于', 'must be less than'];
      return { zh: `${zh} ${limit}`, en: `${en} ${limit}` };
    }
    case 'invalid_format':
      return issue.format === 'regex'
        ? { zh: '格式不正确', en: `must match ${issue.pattern}` }
        : { zh: `格式不正确（应为 ${issue.format}）`, en: `invalid ${issue.format}` };
    case 'invalid_value':
      return { zh: `应为以下之一：${issue.values.join('、')}`, en: `expected one of ${issue.values.join(' | ')}` };
    case 'unrecognized_keys':
      return { zh: `不接受的字段：${issue.keys.join('、')}`, en: `unrecognized keys: ${issue.keys.join(', ')}` };
    case 'not_multiple_of':
      return { zh: `须为 ${issue.divisor} 的倍数`, en: `must be a multiple of ${issue.divisor}` };
    default:
      return { zh: '输入无效', en: 'invalid input' };
  }
};

config({ localeError: (issue) => byCode(issue).zh });

type WithEnglish = { params?: { messageEn?: string } };

/** An issue's message in both languages: its own (a check's `bilingual`, a custom issue's `params`) or by its code. */
export const issueText = (issue: core.$ZodIssue): Bilingual => {
  const en = (issue as WithEnglish).params?.messageEn;
  return en === undefined ? { zh: issue.message, en: byCode(issue).en } : { zh: issue.message, en };
};

/**
 * A check's or schema's own message in both languages, as its `error`: `z.regex(P, z.bilingual('须为…', 'must
 * be…'))`. The Chinese becomes the issue's message and the English its `params.messageEn`.
 */
export const bilingual = (zh: string, en: string) => ({
  error: (issue: core.$ZodRawIssue) => {
    (issue as WithEnglish).params = { ...(issue as WithEnglish).params, messageEn: en };
    return zh;
  },
});

/** A custom issue with its own message in both languages: `ctx.addIssue({ ...z.customIssue('中文', 'English'), path })`. */
export const customIssue = (zh: string, en: string) => ({
  code: 'custom' as const,
  message: zh,
  params: { messageEn: en },
});
