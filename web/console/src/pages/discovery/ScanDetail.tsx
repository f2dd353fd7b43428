import { useState } from 'react';
import { type ApiProblem, api, ok, problemOf } from '../../api/client';
import { DataTable, ErrorMessage, Notice, Show, textOf, useLoad } from '../../components/common';
import { type MessageKey, useI18n } from '../../i18n/i18n';

type Scan = NonNullable<Awaited<ReturnType<typeof loadScan>>>;
type Report = NonNullable<Scan['report']>;
type Table = Report['tables'][number];
type Column = Table['columns'][number];

const loadScan = async (id: string) =>
  ok(await api.GET('/api/discovery/scans/{id}', { params: { path: { id } } }));
const percent = (x: number) => `${Math.round(x * 100)}%`;
/** What the accept API writes: a column with personal data found and no category declared yet. */
const acceptable = (c: Column) => c.personal && c.declared.length === 0 && c.proposal?.dataCategory;

/** One completed scan: findings per system, table and column, drift against the register, accept buttons. */
export default function ScanDetail({
  id,
  writer,
  onClose,
}: {
  id: string;
  writer: boolean;
  onClose(): void;
}) {
  const { t } = useI18n();
  const scan = useLoad(() => loadScan(id), [id]);
  const [onlyPersonal, setOnlyPersonal] = useState(true);
  const [accepted, setAccepted] = useState<string[]>([]);
  /** The column last accepted (the message is rendered in the current language). */
  const [notice, setNotice] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();

  const accept = async (table: Table, column: Column) => {
    setProblem(undefined);
    setNotice(undefined);
    const result = await api.POST('/api/discovery/scans/{id}/accept', {
      params: { path: { id } },
      body: { dataset: table.dataset, collection: table.collection, field: column.field },
    });
    if (result.error || !result.response.ok) {
      setProblem(problemOf(result.error, result.response));
      return;
    }
    const name = `${table.dataset}.${table.collection}.${column.field}`;
    setAccepted((a) => [...a, name]);
    setNotice(name);
  };

  return (
    <section className="disc-detail" aria-labelledby="disc-results">
      <h2 id="disc-results">{t('disc.results')}</h2>
      <button type="button" onClick={onClose}>
        {t('disc.close')}
      </button>
      <Show loaded={scan}>
        {(s) =>
          s.report && (
            <>
              <label className="check">
                <input
                  type="checkbox"
                  checked={onlyPersonal}
                  onChange={(e) => setOnlyPersonal(e.target.checked)}
                />{' '}
                {t('disc.onlyPersonal')}
              </label>
              {notice && <Notice>{t('disc.accepted', { column: notice })}</Notice>}
              {problem && <ErrorMessage problem={problem} />}
              <Findings
                report={s.report}
                onlyPersonal={onlyPersonal}
                writer={writer}
                accepted={accepted}
                onAccept={(table, column) => void accept(table, column)}
              />
              <Drift report={s.report} />
            </>
          )
        }
      </Show>
    </section>
  );
}

function Findings(props: {
  report: Report;
  onlyPersonal: boolean;
  writer: boolean;
  accepted: string[];
  onAccept(table: Table, column: Column): void;
}) {
  const { t } = useI18n();
  const rows = props.report.tables.flatMap((table) => {
    const columns = table.columns.filter((c) => !props.onlyPersonal || c.personal);
    return columns.map((column) => ({ table, column }));
  });
  const errors = props.report.tables.filter((x) => x.error);
  return (
    <>
      {errors.map((x) => (
        <p key={`${x.dataset}.${x.collection}`} className="alert error">
          {x.dataset}.{x.collection}: {t('disc.tableError', { message: x.error ?? '' })}
        </p>
      ))}
      {rows.length === 0 ? (
        <p>{t('disc.noColumns')}</p>
      ) : (
        <DataTable
          headers={[
            t('disc.system'),
            t('disc.table'),
            t('disc.column'),
            t('disc.declared'),
            t('disc.proposed'),
            t('disc.confidence'),
            t('disc.share'),
            t('disc.action'),
          ]}
        >
          {rows.map(({ table, column }) => {
            const name = `${table.dataset}.${table.collection}.${column.field}`;
            const p = column.proposal;
            return (
              <tr key={name} className="disc-column" data-column={name} data-personal={column.personal}>
                <td>{table.dataset}</td>
                <td title={t('disc.rows', { rows: table.rowsRead, method: table.method })}>
                  {table.collection}
                </td>
                <td>
                  <code>{column.field}</code>
                  {!column.inDataset && <div className="hint">{t('disc.notInDataset')}</div>}
                </td>
                <td>{column.declared.length > 0 ? column.declared.join(', ') : '—'}</td>
                <td>
                  {p ? (
                    <>
                      {t(`discType.${p.type}` as MessageKey)}
                      {p.dataCategory && (
                        <div>
                          <code>{p.dataCategory}</code>
                        </div>
                      )}
                      <span className={`badge appi-${p.appiClass}`} title={t('disc.appiClass')}>
                        {t(`discAppi.${p.appiClass}` as MessageKey)}
                      </span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="num">{p ? percent(p.confidence) : '—'}</td>
                <td className="num">{p ? percent(p.contentShare) : '—'}</td>
                <td style={{ whiteSpace: 'nowrap' }}>
                  {props.accepted.includes(name) ? (
                    <span className="badge">{t('disc.acceptedShort')}</span>
                  ) : (
                    props.writer &&
                    acceptable(column) && (
                      <button
                        type="button"
                        aria-label={t('disc.acceptColumn', { column: name })}
                        onClick={() => props.onAccept(table, column)}
                      >
                        {t('disc.accept')}
                      </button>
                    )
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </>
  );
}

function Drift({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  const drift = report.drift;
  return (
    <section aria-labelledby="disc-drift">
      <h3 id="disc-drift">{t('disc.drift')}</h3>
      {drift.length === 0 ? (
        <p>{t('disc.noDrift')}</p>
      ) : (
        <DataTable headers={[t('disc.severity'), t('disc.where'), t('disc.message')]}>
          {drift.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: drift findings have no id; the list is fixed per scan.
            <tr key={i} className="disc-drift" data-code={d.code} data-severity={d.severity}>
              <td>{t(`discSeverity.${d.severity}` as MessageKey)}</td>
              <td>
                <code>
                  {d.dataset}.{d.collection}.{d.field}
                </code>
              </td>
              <td>{textOf(d.message, lang)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
