/**
 * A form rendered from the JSON Schema the API serves (GET /campaigns/{cid}/forms/{category}),
 * with its Chinese titles as labels; each field shows the API's detail beside it, and a summary at
 * the top links to every field at fault.
 */
import type { FieldError, JsonSchema } from '../api';
import { FieldMessage } from '../fields';
import { t } from '../i18n';

export type FormValues = Record<string, string | string[]>;

const fieldId = (key: string) => `field-${key}`;

export const ErrorSummary = ({ fields, labels }: { fields: FieldError[]; labels: Record<string, string> }) =>
  fields.length === 0 ? null : (
    <div class="summary" role="alert" tabIndex={-1}>
      <h2>{t(`有 ${fields.length} 处需要修改`, `${fields.length} thing(s) to fix`)}</h2>
      <ul>
        {fields.map((f) => {
          const key = f.path.split('.')[0]!;
          return (
            <li key={`${f.path}-${f.message}`}>
              <a href={`#${fieldId(key)}`} data-native>
                {labels[key] ?? labels[f.path] ?? f.path}
              </a>
              : {f.message}
            </li>
          );
        })}
      </ul>
    </div>
  );

const Field = ({
  name,
  schema,
  required,
  value,
  fields,
  disabled,
  onChange,
}: {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: string | string[] | undefined;
  fields: FieldError[];
  disabled: boolean;
  onChange: (value: string | string[]) => void;
}) => {
  const id = fieldId(name);
  const hasError = fields.some((f) => f.path === name || f.path.startsWith(`${name}.`));
  const label = (
    <>
      {schema.title ?? name}
      {required && <span aria-hidden="true"> *</span>}
    </>
  );
  const hint = [
    schema.description,
    schema.maxLength && schema.maxLength > 100 ? `${schema.minLength ?? 0}-${schema.maxLength}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const common = {
    id,
    name,
    disabled,
    required,
    'aria-invalid': hasError || undefined,
    'aria-describedby': hasError ? `error-${name}` : undefined,
  };
  if (schema.type === 'array' && schema.items?.enum) {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset id={id}>
        <legend>{label}</legend>
        {schema.description && <small>{schema.description}</small>}
        {schema.items.enum.map((option) => (
          <label key={option} class="inline">
            <input
              type="checkbox"
              disabled={disabled}
              checked={chosen.includes(option)}
              onChange={(e) =>
                onChange(
                  (e.target as HTMLInputElement).checked ? [...chosen, option] : chosen.filter((c) => c !== option),
                )
              }
            />{' '}
            {option}
          </label>
        ))}
        <FieldMessage fields={fields} path={name} />
      </fieldset>
    );
  }
  const text = typeof value === 'string' ? value : '';
  return (
    <label for={id}>
      {label}
      {hint && <small>{hint}</small>}
      {schema.enum ? (
        <select {...common} value={text} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
          <option value="">{t('请选择', 'Choose')}</option>
          {schema.enum.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (schema.maxLength ?? 0) > 100 ? (
        <textarea
          {...common}
          rows={Math.min(12, Math.ceil((schema.maxLength ?? 200) / 150))}
          maxLength={schema.maxLength}
          value={text}
          onInput={(e) => onChange((e.target as HTMLTextAreaElement).value)}
        />
      ) : (
        <input
          {...common}
          maxLength={schema.maxLength}
          value={text}
          onInput={(e) => onChange((e.target as HTMLInputElement).value)}
        />
      )}
      {(schema.maxLength ?? 0) > 100 && (
        <small>
          {t('已输入', 'Length')} {text.length} / {schema.maxLength}
        </small>
      )}
      <FieldMessage fields={fields} path={name} />
    </label>
  );
};

export const SchemaForm = ({
  schema,
  values,
  fields,
  disabled = false,
  onChange,
}: {
  schema: JsonSchema;
  values: FormValues;
  fields: FieldError[];
  disabled?: boolean;
  onChange: (values: FormValues) => void;
}) => (
  <div class="stack wide">
    {Object.entries(schema.properties ?? {}).map(([name, property]) => (
      <Field
        key={name}
        name={name}
        schema={property}
        required={schema.required?.includes(name) ?? false}
        value={values[name]}
        fields={fields}
        disabled={disabled}
        onChange={(value) => onChange({ ...values, [name]: value })}
      />
    ))}
  </div>
);

/** Field labels by key (for the error summary), from the schema's titles. */
export const labelsOf = (schema: JsonSchema | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([k, p]) => [k, p.title ?? k]));
