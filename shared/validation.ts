/** Schema validation with errors a person can act on: every field at fault, and what is wrong with it. */
import type * as z from './zod';
import { ValidationError } from './errors';

/** What a person reads for a missing value, whatever its type (a schema's own message still wins). */
export const REQUIRED = 'is required';

/**
 * The error map every validation parses with: a missing value reads "is required", not zod's "expected string, received
 * undefined".
 */
export const requiredWhenMissing: z.core.$ZodErrorMap = (issue) => (issue.input === undefined ? REQUIRED : undefined);

/** Lists zod issues as `{path, message}`. */
export const describeIssues = (
  error: z.core.$ZodError,
  root = '(body)',
): { fields: Array<{ path: string; message: string }> } => ({
  fields: error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || root,
    message: issue.message,
  })),
});

/** Validates a value against a schema; a failure is a 400 listing every field at fault. */
export const validate = <S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  what = 'The request body',
  root = '(body)',
): z.infer<S> => {
  const result = schema.safeParse(value, { error: requiredWhenMissing });
  if (!result.success) {
    const details = describeIssues(result.error, root);
    const first = details.fields[0];
    throw new ValidationError(
      `${what} is not valid: ${first ? `${first.path}: ${first.message}` : 'see details'}`,
      details,
    );
  }
  return result.data;
};
