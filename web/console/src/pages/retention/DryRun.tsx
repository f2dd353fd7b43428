import { useState } from 'react';
import { type ApiProblem, api, problemOf } from '../../api/client';
import { DataTable, ErrorMessage, Notice } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { periodText } from './period';

type Report = { asOf: string; totalDue: number; collections: Collection[] };
type Collection = {
  collection: string;
  rules: string[];
  due: { now: number; in30: number; in90: number };
  heldRows: number;
  holds: {
    id: string;
    reason: string;
    effect: string;
    kind: 'blocks' | 'lengthens' | 'persons';
    period?: { years?: number; months?: number; days?: number };
    field?: string;
    persons?: number;
  }[];
  statement: string;
  skipped: string | null;
};

/** What a sweep would do today, per collection, with what holds keep back and the SQL; writes nothing. */
export default function DryRun() {
  const { t, number, lang } = useI18n();
  const [report, setReport] = useState<Report>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setProblem(undefined);
    setBusy(true);
    const result = await api.POST('/api/retention/dry-run', { body: { dryRun: true } });
    setBusy(false);
    if (result.error || !result.response.ok || !result.data)
      return setProblem(problemOf(result.error, result.response));
    setReport(result.data);
  };
  return (
    <section aria-labelledby="ret-dry-run">
      <h2 id="ret-dry-run">{t('ret.dryRun')}</h2>
      <button type="button" onClick={() => void run()} disabled={busy} aria-busy={busy}>
        {t('ret.runDryRun')}
      </button>
      <div aria-live="polite">
        {problem && <ErrorMessage problem={problem} />}
        {report && (
          <Notice>{t('ret.dryRunDone', { asOf: report.asOf, count: number(report.totalDue) })}</Notice>
        )}
      </div>
      {report && (
        <DataTable
          headers={[
            t('ret.collection'),
            t('ret.rule'),
            t('ret.dueNow'),
            t('ret.due30'),
            t('ret.due90'),
            t('ret.heldRows'),
            t('ret.holdEffects'),
            t('ret.statement'),
          ]}
        >
          {report.collections.map((c) => (
            <tr key={c.collection} className="dry-run-row" data-collection={c.collection}>
              <td>
                {c.collection}
                {c.skipped && ` (${t('ret.skipped')}: ${c.skipped})`}
              </td>
              <td>{c.rules.join(', ')}</td>
              <td className="num">{number(c.due.now)}</td>
              <td className="num">{number(c.due.in30)}</td>
              <td className="num">{number(c.due.in90)}</td>
              <td className="num">{number(c.heldRows)}</td>
              <td>
                <ul className="hold-effects">
                  {c.holds.map((h) => (
                    <li key={h.id}>
                      {h.kind === 'blocks'
                        ? t('ret.hold.blocks')
                        : h.kind === 'lengthens'
                          ? t('ret.hold.lengthens', { period: periodText(h.period, lang) ?? '' })
                          : t('ret.hold.persons', { n: number(h.persons ?? 0), field: h.field ?? '' })}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {c.statement && (
                  <details>
                    <summary>SQL</summary>
                    <pre>{c.statement}</pre>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
