/** Schema validation with errors a person can act on: every field at fault, and what is wrong with it. */
import * as z from 'zod';
import { ValidationError } from './errors';

/** Lists zod issues as `{path, message}`. */
export const describeIssues = (error: z.ZodError, root = '(body)'): { fields: Array<{ path: string; message: string }> } => ({
  fields: error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || root,
    message: issue.message,
  })),
});

/** Validates a value against a schema; a failure is a 400 listing every field at fault. */
export const validate = <S extends z.ZodType>(schema: S, value: unknown, what = 'The request body', root = '(body)'): z.infer<S> => {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(`${what} is not valid: ${result.error.issues[0]?.message ?? 'see details'}`, describeIssues(result.error, root));
  }
  return result.data;
};
