import { createContext, useContext, useId, useState } from 'react';
import type { ApiProblem } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { emptyValue, type JsonSchema, kindOf, resolve, setIn } from './jsonSchema';
import { type TaxonomyEntry, TaxonomyPicker } from './TaxonomyPicker';

export interface Choice {
  key: string;
  label: string;
}

/** Everything a field needs besides its own schema and value. */
export interface FormContext {
  root: JsonSchema;
  labels: Record<string, { ja: string; en: string }>;
  /** Words for fixed values of this section, by field and value; a value without words is shown as itself. */
  values: Record<string, Record<string, { ja: string; en: string }>>;
  references: Record<string, string>;
  /** Options per reference target (a section, `desks`, `entities`); the taxonomy comes separately. */
  choices: Record<string, Choice[]>;
  taxonomy: TaxonomyEntry[];
  problem: ApiProblem | undefined;
  /** Fields that may not change (the key of an existing entity). */
  locked: ReadonlySet<string>;
}

const Ctx = createContext<FormContext | null>(null);
const useForm = () => useContext(Ctx) as FormContext;

type Path = (string | number)[];

/**
 * The API names a validation issue by `body.<path>`; a field shows those at its own path, and a list of
 * plain values also those about one of its entries (`items.2`).
 */
function issuesAt(problem: ApiProblem | undefined, path: Path, entries = false): string[] {
  if (!problem) return [];
  const own = path.join('.');
  return problem.issues
    .filter((i) => {
      const p = i.path.replace(/^body\.?/, '');
      return p === own || (entries && new RegExp(`^${own.replace(/\./g, '\\.')}\\.\\d+$`).test(p));
    })
    .map((i) => i.message);
}

function Errors({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <span id={id} className="field-error">
      {messages.join(' ')}
    </span>
  );
}

/** A form for any register document, drawn from the JSON Schema the API validates it with. */
export function SchemaForm({
  context,
  value,
  onChange,
}: {
  context: FormContext;
  value: unknown;
  onChange(next: unknown): void;
}) {
  return (
    <Ctx.Provider value={context}>
      <ObjectFields
        schema={resolve(context.root, context.root)}
        value={value}
        path={[]}
        onChange={onChange}
      />
    </Ctx.Provider>
  );
}

function ObjectFields({
  schema,
  value,
  path,
  onChange,
}: {
  schema: JsonSchema;
  value: unknown;
  path: Path;
  onChange(next: unknown): void;
}) {
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, field]) => (
        <Field
          key={name}
          name={name}
          schema={field}
          required={required.has(name)}
          value={record[name]}
          path={[...path, name]}
          onChange={(next) => onChange(setIn(record, [name], next))}
        />
      ))}
    </>
  );
}

function useLabel(name: string | number): string {
  const { lang } = useI18n();
  const { labels } = useForm();
  return typeof name === 'number' ? `#${name + 1}` : (labels[name]?.[lang] ?? name);
}

/** A fixed value in the reader's language, e.g. `with-prior-consent` → 事前の承諾がある場合に限り可. */
function useValueLabel(path: Path): (value: string) => string {
  const { lang } = useI18n();
  const { values } = useForm();
  const field = path.filter((p): p is string => typeof p === 'string').at(-1) ?? '';
  return (value) => values[field]?.[value]?.[lang] ?? value;
}

function Field(props: {
  name: string | number;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  path: Path;
  onChange(next: unknown): void;
}) {
  const { name, schema, required, value, path, onChange } = props;
  const form = useForm();
  const { t } = useI18n();
  const label = useLabel(name);
  const valueLabel = useValueLabel(path);
  const kind = kindOf(schema, form.root);
  const target = typeof name === 'string' ? form.references[name] : undefined;

  if (!required && value === undefined && (kind.kind === 'object' || kind.kind === 'text')) {
    return (
      <div className="field optional-absent">
        <span>{label}</span>{' '}
        <button type="button" className="link" onClick={() => onChange(emptyValue(schema, form.root))}>
          {t('reg.form.add', { name: label })}
        </button>
      </div>
    );
  }
  const remove = !required && value !== undefined && (kind.kind === 'object' || kind.kind === 'text') && (
    <button type="button" className="link" onClick={() => onChange(undefined)}>
      {t('reg.form.remove', { name: label })}
    </button>
  );

  switch (kind.kind) {
    case 'text':
      return (
        <TextField
          label={label}
          value={value}
          path={path}
          required={required}
          onChange={onChange}
          extra={remove}
        />
      );
    case 'object':
      return (
        <fieldset className="nested">
          <legend>
            {label} {remove}
          </legend>
          <ObjectFields schema={kind.schema} value={value} path={path} onChange={onChange} />
        </fieldset>
      );
    case 'array':
      return (
        <ArrayField
          label={label}
          items={kind.items}
          value={Array.isArray(value) ? value : []}
          target={target}
          path={path}
          required={required}
          onChange={onChange}
        />
      );
    case 'enum':
      return (
        <ScalarLabel label={label} path={path}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
            >
              {!required && <option value="">—</option>}
              {kind.values.map((v) => (
                <option key={v} value={v}>
                  {valueLabel(v)}
                </option>
              ))}
            </select>
          )}
        </ScalarLabel>
      );
    case 'boolean':
      return (
        <label className="check">
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {label}
        </label>
      );
    case 'number':
      return (
        <ScalarLabel label={label} path={path}>
          {(id, describedBy) => (
            <input
              id={id}
              type="number"
              aria-describedby={describedBy}
              step={kind.integer ? 1 : 'any'}
              value={typeof value === 'number' ? value : ''}
              onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
            />
          )}
        </ScalarLabel>
      );
    case 'string':
      if (target === 'taxonomy') {
        return (
          <TaxonomyPicker
            label={label}
            entries={form.taxonomy}
            selected={typeof value === 'string' && value ? [value] : []}
            multiple={false}
            onChange={(keys) => onChange(keys[0] ?? (required ? '' : undefined))}
          />
        );
      }
      return (
        <ScalarLabel label={label} path={path}>
          {(id, describedBy) =>
            target ? (
              <select
                id={id}
                aria-describedby={describedBy}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => onChange(e.target.value === '' && !required ? undefined : e.target.value)}
              >
                <option value="">—</option>
                {(form.choices[target] ?? []).map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.label} ({c.key})
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                aria-describedby={describedBy}
                type={
                  kind.schema.format === 'date'
                    ? 'date'
                    : kind.schema.format === 'email'
                      ? 'email'
                      : kind.schema.format === 'uri'
                        ? 'url'
                        : 'text'
                }
                readOnly={form.locked.has(path.join('.'))}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => onChange(e.target.value === '' && !required ? undefined : e.target.value)}
              />
            )
          }
        </ScalarLabel>
      );
    default:
      return <JsonField label={label} value={value} path={path} onChange={onChange} />;
  }
}

function ScalarLabel({
  label,
  path,
  children,
}: {
  label: string;
  path: Path;
  children(id: string, describedBy: string | undefined): React.ReactNode;
}) {
  const id = useId();
  const messages = issuesAt(useForm().problem, path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, messages.length ? `${id}-error` : undefined)}
      <Errors id={`${id}-error`} messages={messages} />
    </div>
  );
}

function TextField({
  label,
  value,
  path,
  required,
  onChange,
  extra,
}: {
  label: string;
  value: unknown;
  path: Path;
  required: boolean;
  onChange(next: unknown): void;
  extra: React.ReactNode;
}) {
  const { t } = useI18n();
  const { problem } = useForm();
  const id = useId();
  const text = (value && typeof value === 'object' ? value : { ja: '' }) as { ja?: string; en?: string };
  return (
    <fieldset className="text-field">
      <legend>
        {label}
        {required && <span className="required"> *</span>} {extra}
      </legend>
      {(['ja', 'en'] as const).map((l) => {
        const messages = issuesAt(problem, [...path, l]);
        const long = (text[l]?.length ?? 0) > 60;
        const common = {
          id: `${id}-${l}`,
          value: text[l] ?? '',
          'aria-invalid': messages.length > 0,
          'aria-describedby': messages.length ? `${id}-${l}-error` : undefined,
          onChange: (e: { target: { value: string } }) => {
            const next = { ...text, [l]: e.target.value };
            if (l === 'en' && e.target.value === '') delete next.en;
            onChange(next);
          },
        };
        return (
          <div key={l} className="field">
            <label htmlFor={`${id}-${l}`}>{t(l === 'ja' ? 'reg.form.ja' : 'reg.form.en')}</label>
            {long ? <textarea {...common} /> : <input type="text" {...common} />}
            <Errors id={`${id}-${l}-error`} messages={messages} />
          </div>
        );
      })}
    </fieldset>
  );
}

function ArrayField({
  label,
  items,
  value,
  target,
  path,
  required,
  onChange,
}: {
  label: string;
  items: JsonSchema;
  value: unknown[];
  target: string | undefined;
  path: Path;
  required: boolean;
  onChange(next: unknown): void;
}) {
  const form = useForm();
  const { t } = useI18n();
  const id = useId();
  const valueLabel = useValueLabel(path);
  const messages = issuesAt(form.problem, path, true);
  const item = kindOf(items, form.root);
  const done = (next: unknown[]) => onChange(next.length === 0 && !required ? undefined : next);

  if (target === 'taxonomy') {
    return (
      <TaxonomyPicker
        label={label}
        entries={form.taxonomy}
        selected={value.filter((v): v is string => typeof v === 'string')}
        multiple
        onChange={(keys) => done(keys)}
      />
    );
  }
  if (item.kind === 'enum' || (item.kind === 'string' && target)) {
    const options: Choice[] =
      item.kind === 'enum'
        ? item.values.map((v) => ({ key: v, label: valueLabel(v) }))
        : (form.choices[target ?? ''] ?? []);
    return (
      <fieldset aria-describedby={messages.length ? `${id}-error` : undefined}>
        <legend>{label}</legend>
        <div className={options.length > 8 ? 'picker' : undefined}>
          {options.map((o) => (
            <label key={o.key} className="check">
              <input
                type="checkbox"
                value={o.key}
                checked={value.includes(o.key)}
                onChange={(e) =>
                  done(e.target.checked ? [...value, o.key] : value.filter((v) => v !== o.key))
                }
              />
              {o.label} {o.label !== o.key && <code>{o.key}</code>}
            </label>
          ))}
        </div>
        <Errors id={`${id}-error`} messages={messages} />
      </fieldset>
    );
  }
  if (item.kind === 'string' || item.kind === 'number') {
    return (
      <div className="field">
        <label htmlFor={id}>
          {label} <small>{t('reg.form.onePerLine')}</small>
        </label>
        <textarea
          id={id}
          aria-describedby={messages.length ? `${id}-error` : undefined}
          value={value.join('\n')}
          onChange={(e) => {
            const lines = e.target.value.split('\n');
            done(item.kind === 'number' ? lines.filter((l) => l.trim()).map(Number) : lines);
          }}
          onBlur={() => done(value.filter((v) => String(v).trim() !== ''))}
        />
        <Errors id={`${id}-error`} messages={messages} />
      </div>
    );
  }
  return (
    <fieldset className="nested list">
      <legend>{label}</legend>
      <Errors id={`${id}-error`} messages={messages} />
      <ol>
        {value.map((entry, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries have no identity of their own while edited
          <li key={i}>
            <Field
              name={i}
              schema={items}
              required
              value={entry}
              path={[...path, i]}
              onChange={(next) => onChange(value.map((v, j) => (j === i ? next : v)))}
            />
            <button type="button" className="link" onClick={() => done(value.filter((_, j) => j !== i))}>
              {t('reg.form.removeEntry', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => onChange([...value, emptyValue(resolve(items, form.root), form.root)])}
      >
        {t('reg.form.addEntry', { name: label })}
      </button>
    </fieldset>
  );
}

/** Whatever the form cannot draw (unions, free records) is edited as JSON and checked before it is taken. */
function JsonField({
  label,
  value,
  path,
  onChange,
}: {
  label: string;
  value: unknown;
  path: Path;
  onChange(next: unknown): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const messages = issuesAt(useForm().problem, path);
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [invalid, setInvalid] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} <small>(JSON)</small>
      </label>
      <textarea
        id={id}
        className="code"
        value={text}
        aria-invalid={invalid || messages.length > 0}
        aria-describedby={`${id}-error`}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setInvalid(false);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(e.target.value));
            setInvalid(false);
          } catch {
            setInvalid(true);
          }
        }}
      />
      <Errors id={`${id}-error`} messages={invalid ? [t('reg.form.invalidJson'), ...messages] : messages} />
    </div>
  );
}
