import { type FormEvent, useId, useRef, useState } from 'react';
import { type ApiProblem, api, problemOf } from '../../api/client';
import { ErrorMessage, Notice } from '../../components/common';
import { useI18n } from '../../i18n/i18n';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportExport({ writable, onImported }: { writable: boolean; onImported(): void }) {
  const { t } = useI18n();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<ApiProblem>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file || !confirm(t('reg.importConfirm'))) return;
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    const isExcel = file.name.toLowerCase().endsWith('.xlsx');
    // The import route takes the file itself as the body (YAML text or the workbook's bytes).
    const result = await api.POST('/api/register/import', {
      body: (isExcel ? await file.arrayBuffer() : await file.text()) as never,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'content-type': isExcel ? XLSX_TYPE : 'application/yaml' },
    });
    setBusy(false);
    if (result.error || !result.data) {
      setProblem(problemOf(result.error, result.response));
      return;
    }
    setDone(t('reg.importDone', result.data));
    onImported();
  };

  return (
    <section className="card import-export" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="sr-only">
        {t('reg.export')} / {t('reg.import')}
      </h2>
      <div className="actions">
        <a className="button" href="/api/register/export?format=yaml" download>
          {t('reg.exportYaml')}
        </a>
        <a className="button" href="/api/register/export?format=xlsx" download>
          {t('reg.exportXlsx')}
        </a>
      </div>
      {writable && (
        <form onSubmit={submit} className="inline">
          <label>
            {t('reg.importFile')}
            <input ref={fileRef} type="file" name="register" accept=".yaml,.yml,.xlsx" />
          </label>
          <button type="submit" disabled={busy}>
            {t('reg.importButton')}
          </button>
        </form>
      )}
      <div aria-live="polite">
        {problem && <ErrorMessage problem={problem} />}
        {done && <Notice>{done}</Notice>}
      </div>
    </section>
  );
}
