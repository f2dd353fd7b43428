import { type FormEvent, useId, useState } from 'react';
import { parseDocument, stringify } from 'yaml';
import { type ApiProblem, problemOf } from '../../api/client';
import { ErrorMessage } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { save } from './entity.api';

const TEMPLATE = `fides_key: new_dataset
name: New dataset
collections:
  - name: customers
    fields:
      - name: id
        fides_meta: { primary_key: true }
      - name: email
        data_categories: [user.contact.email]
        fides_meta: { identity: email }
`;

/**
 * Datasets are fideslang YAML that engineers keep in git beside their schemas; the console edits the same
 * text (loaded only when a dataset is edited), and the API validates it like an import.
 */
export default function DatasetYamlEditor({
  doc,
  onSaved,
  onCancel,
}: {
  doc: Record<string, unknown> | undefined;
  onSaved(key: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(() => (doc ? stringify(doc, { lineWidth: 0 }) : TEMPLATE));
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const parsed = parseDocument(text);
    const first = parsed.errors[0];
    if (first) {
      const line = first.linePos?.[0]?.line;
      setProblem({
        status: 0,
        code: 'yaml',
        message: line ? t('reg.form.yamlErrorAt', { line, message: first.message }) : first.message,
        issues: [],
      });
      return;
    }
    const value = parsed.toJS() as Record<string, unknown>;
    setBusy(true);
    const result = await save('datasets', doc === undefined, doc ?? {}, value);
    setBusy(false);
    if (result.error !== undefined || !result.response.ok)
      setProblem(problemOf(result.error, result.response));
    else onSaved(String(value.fides_key));
  };
  return (
    <form className="entity-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{doc ? t('reg.form.editTitle') : t('reg.form.newTitle')}</h3>
      {problem && <ErrorMessage problem={problem} />}
      <label htmlFor={`${id}-yaml`}>{t('reg.form.datasetYaml')}</label>
      <textarea
        id={`${id}-yaml`}
        className="code yaml"
        rows={Math.min(40, Math.max(12, text.split('\n').length + 2))}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
