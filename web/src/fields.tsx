import type { FieldError } from './api';

/** The API's 422 detail for one field, shown beside it (and named by its aria-describedby id). */
export const FieldMessage = ({ fields, path }: { fields: FieldError[]; path: string }) => {
  const found = fields.filter((f) => f.path === path || f.path.startsWith(`${path}.`) || f.path.startsWith(`${path}[`));
  if (found.length === 0) return null;
  return (
    <span class="field-error" id={`error-${path}`} role="alert">
      {found.map((f) => f.message).join('; ')}
    </span>
  );
};
