import { useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../../api/client';
import type { paths } from '../../api/schema';
import { DataTable, ErrorMessage, Notice, useLoad } from '../../components/common';
import { type MessageKey, useI18n } from '../../i18n/i18n';

type Request = paths['/api/anonymizations']['post']['requestBody']['content']['application/json'];
type ColumnRole = 'qi' | 'identifier' | 'sensitive' | 'keep';
const ROLES: readonly ColumnRole[] = ['qi', 'identifier', 'sensitive', 'keep'];
const HIERARCHIES = ['flat', 'age', 'date', 'address', 'prefecture', 'postal', 'interval', 'csv'] as const;
type HierarchyKind = (typeof HIERARCHIES)[number];
interface ColumnSetting {
  role: ColumnRole;
  hierarchy: HierarchyKind;
  widths: string;
  csv: string;
}
const DEFAULT: ColumnSetting = { role: 'keep', hierarchy: 'flat', widths: '10,50', csv: '' };

/** The delimiter the server would detect: the candidate occurring most often in the header line. */
function headerOf(text: string, delimiter: string): string[] {
  const first = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').trim();
  const d =
    delimiter ||
    [',', ';', '\t', '|'].reduce(
      (best, c) => (first.split(c).length > first.split(best).length ? c : best),
      ',',
    );
  return first === '' ? [] : first.split(d).map((h) => h.replace(/^"(.*)"$/, '$1'));
}

/** The form that queues a run: input (CSV upload or a connection's table), a role per column, the model. */
export default function AnonymizeForm({ onQueued }: { onQueued(): void }) {
  const { t } = useI18n();
  const sources = useLoad(async () => ok(await api.GET('/api/anonymizations/sources', {})), []);
  const [dataset, setDataset] = useState('');
  const [kind, setKind] = useState<'csv' | 'connection'>('csv');
  const [csv, setCsv] = useState('');
  const [delimiter, setDelimiter] = useState('');
  const [connection, setConnection] = useState('');
  const [table, setTable] = useState('');
  const [settings, setSettings] = useState<Record<string, ColumnSetting>>({});
  const [k, setK] = useState(5);
  const [l, setL] = useState('');
  const [suppression, setSuppression] = useState(0);
  const [metric, setMetric] = useState<'discernibility' | 'aecs' | 'entropy'>('discernibility');
  const [problem, setProblem] = useState<ApiProblem>();
  const [queued, setQueued] = useState(false);

  const source =
    sources.state === 'ready' ? sources.data.find((s) => s.connection === connection) : undefined;
  const dbTable = source?.tables.find((x) => `${x.schema ?? ''}.${x.name}` === table);
  const columns = kind === 'csv' ? headerOf(csv, delimiter) : (dbTable?.columns.map((c) => c.name) ?? []);
  const setting = (c: string): ColumnSetting => settings[c] ?? DEFAULT;
  const update = (c: string, change: Partial<ColumnSetting>) =>
    setSettings((s) => ({ ...s, [c]: { ...(s[c] ?? DEFAULT), ...change } }));

  const fail = (message: string) => setProblem({ status: 400, code: 'invalid', message, issues: [] });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    setQueued(false);
    const qi = columns.filter((c) => setting(c).role === 'qi');
    const sensitive = columns.filter((c) => setting(c).role === 'sensitive');
    if (columns.length === 0) return fail(t('anon.needSource'));
    if (qi.length === 0) return fail(t('anon.needQi'));
    if (sensitive.length > 1) return fail(t('anon.oneSensitive'));
    const hierarchies: Request['hierarchies'] = {};
    for (const c of qi) {
      const s = setting(c);
      hierarchies[c] =
        s.hierarchy === 'csv'
          ? { csv: s.csv }
          : { builtin: s.hierarchy === 'interval' ? `interval:${s.widths}` : s.hierarchy };
    }
    const input: Request['input'] =
      kind === 'csv'
        ? { kind: 'csv', text: csv, ...(delimiter ? { delimiter } : {}) }
        : {
            kind: 'connection',
            connection,
            table: dbTable?.name ?? '',
            ...(dbTable?.schema ? { schema: dbTable.schema } : {}),
            columns,
          };
    const body: Request = {
      dataset,
      input,
      qi,
      hierarchies,
      ...(sensitive[0] ? { sensitive: sensitive[0] } : {}),
      drop: columns.filter((c) => setting(c).role === 'identifier'),
      model: {
        k,
        suppression: suppression / 100,
        ...(l ? { lDiversity: { variant: 'distinct' as const, l: Number(l) } } : {}),
      },
      metric,
    };
    const result = await api.POST('/api/anonymizations', { body });
    if (result.error || !result.response.ok) {
      setProblem(problemOf(result.error, result.response));
      return;
    }
    setQueued(true);
    onQueued();
  };

  return (
    <section aria-labelledby="anon-create">
      <h2 id="anon-create">{t('anon.create')}</h2>
      <form className="form anon-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('anon.dataset')}
          <input required name="dataset" value={dataset} onChange={(e) => setDataset(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('anon.source')}</legend>
          <label className="check">
            <input type="radio" name="source" checked={kind === 'csv'} onChange={() => setKind('csv')} />
            {t('anon.sourceCsv')}
          </label>
          <label className="check">
            <input
              type="radio"
              name="source"
              checked={kind === 'connection'}
              onChange={() => setKind('connection')}
            />
            {t('anon.sourceConnection')}
          </label>
        </fieldset>
        {kind === 'csv' ? (
          <>
            <label>
              {t('anon.file')}
              <input
                type="file"
                name="csv"
                accept=".csv,.tsv,.txt,text/csv"
                onChange={(e) => void e.target.files?.[0]?.text().then(setCsv)}
              />
            </label>
            <label>
              {t('anon.delimiter')}
              <select value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
                <option value="">{t('anon.delimiterAuto')}</option>
                <option value=",">,</option>
                <option value=";">;</option>
                <option value={'\t'}>TAB</option>
                <option value="|">|</option>
              </select>
            </label>
          </>
        ) : sources.state === 'ready' && sources.data.length === 0 ? (
          <p>{t('anon.noSources')}</p>
        ) : (
          <>
            <label>
              {t('anon.connection')}
              <select
                value={connection}
                onChange={(e) => {
                  setConnection(e.target.value);
                  setTable('');
                }}
              >
                <option value="">{t('anon.choose')}</option>
                {sources.state === 'ready' &&
                  sources.data.map((s) => (
                    <option key={s.connection} value={s.connection}>
                      {s.connection} ({s.type})
                    </option>
                  ))}
              </select>
            </label>
            {source?.error && (
              <ErrorMessage problem={{ status: 0, code: 'unreachable', message: source.error, issues: [] }} />
            )}
            <label>
              {t('anon.table')}
              <select value={table} onChange={(e) => setTable(e.target.value)}>
                <option value="">{t('anon.choose')}</option>
                {source?.tables.map((x) => (
                  <option key={`${x.schema ?? ''}.${x.name}`} value={`${x.schema ?? ''}.${x.name}`}>
                    {x.schema ? `${x.schema}.${x.name}` : x.name}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {columns.length > 0 && (
          <fieldset>
            <legend>{t('anon.columns')}</legend>
            <DataTable headers={[t('anon.column'), t('anon.role'), t('anon.hierarchy')]}>
              {columns.map((c) => {
                const s = setting(c);
                return (
                  <tr key={c} data-column={c}>
                    <th scope="row">{c}</th>
                    <td>
                      <select
                        aria-label={`${c}: ${t('anon.role')}`}
                        value={s.role}
                        onChange={(e) => update(c, { role: e.target.value as ColumnRole })}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`anonRole.${r}` as MessageKey)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {s.role === 'qi' && (
                        <>
                          <select
                            aria-label={`${c}: ${t('anon.hierarchy')}`}
                            value={s.hierarchy}
                            onChange={(e) => update(c, { hierarchy: e.target.value as HierarchyKind })}
                          >
                            {HIERARCHIES.map((h) => (
                              <option key={h} value={h}>
                                {t(`anonHier.${h}` as MessageKey)}
                              </option>
                            ))}
                          </select>
                          {s.hierarchy === 'interval' && (
                            <input
                              aria-label={`${c}: ${t('anon.intervalWidths')}`}
                              value={s.widths}
                              onChange={(e) => update(c, { widths: e.target.value })}
                            />
                          )}
                          {s.hierarchy === 'csv' && (
                            <input
                              type="file"
                              aria-label={t('anon.hierarchyFile', { column: c })}
                              accept=".csv,text/csv"
                              onChange={(e) =>
                                void e.target.files?.[0]?.text().then((text) => update(c, { csv: text }))
                              }
                            />
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </fieldset>
        )}
        <label>
          {t('anon.k')}
          <input type="number" min={1} required value={k} onChange={(e) => setK(Number(e.target.value))} />
        </label>
        <label>
          {t('anon.l')}
          <input type="number" min={2} value={l} onChange={(e) => setL(e.target.value)} />
        </label>
        <label>
          {t('anon.suppression')}
          <input
            type="number"
            min={0}
            max={100}
            step={0.5}
            value={suppression}
            onChange={(e) => setSuppression(Number(e.target.value))}
          />
        </label>
        <label>
          {t('anon.metric')}
          <select value={metric} onChange={(e) => setMetric(e.target.value as typeof metric)}>
            {(['discernibility', 'aecs', 'entropy'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`anonMetric.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('anon.submit')}</button>
        <div aria-live="polite">
          {problem && <ErrorMessage problem={problem} />}
          {queued && <Notice>{t('anon.queued')}</Notice>}
        </div>
      </form>
    </section>
  );
}
