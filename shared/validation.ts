/** Schema validation with errors a person can act on: every field at fault, and what is wrong with it. */
import * as z from './zod';
import { type Bilingual, say, ValidationError } from './errors';

/** What a person reads for a missing value, whatever its type (a schema's own message still wins). */
export const REQUIRED = say('必填', 'is required');

/**
 * The error map every validation parses with: a missing value reads "必填" / "is required", not "应为文本" /
 * "expected string".
 */
export const requiredWhenMissing: z.core.$ZodErrorMap = (issue) =>
  issue.input === undefined ? z.bilingual(REQUIRED.zh, REQUIRED.en).error(issue) : undefined;

/** A field at fault: where, and what is wrong in Chinese (`message`) and English (`messageEn`). */
export interface FieldIssue {
  path: string;
  message: string;
  messageEn: string;
}

/** Lists zod issues as `{path, message, messageEn}`. */
export const describeIssues = (error: z.core.$ZodError, root = '(body)'): { fields: FieldIssue[] } => ({
  fields: error.issues.map((issue) => {
    const text = z.issueText(issue);
    return { path: issue.path.map(String).join('.') || root, message: text.zh, messageEn: text.en };
  }),
});

/** Validates a value against a schema; a failure is a 400 listing every field at fault. */
export const validate = <S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  what: Bilingual = say('请求内容', 'The request body'),
  root = '(body)',
): z.infer<S> => {
  const result = schema.safeParse(value, { error: requiredWhenMissing });
  if (!result.success) {
    const details = describeIssues(result.error, root);
    const first = details.fields[0];
    throw new ValidationError(
      say(
        `${what.zh}有误：${first ? `${first.path}：${first.message}` : '详见 details'}`,
        `${what.en} is not valid: ${first ? `${first.path}: ${first.messageEn}` : 'see details'}`,
      ),
      details,
    );
  }
  return result.data;
};
