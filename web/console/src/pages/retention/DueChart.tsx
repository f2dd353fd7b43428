import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Okabe–Ito (colour-blind safe); the table below carries the same figures for screen readers.
const COLOURS = ['#D55E00', '#E69F00', '#0072B2'];

export interface RuleDue {
  rule: string;
  now: number;
  in30: number;
  in90: number;
  collections: { collection: string; now: number; in30: number; in90: number; skipped: string | null }[];
}

/** Per rule, rows due now / within 30 / within 90 days as grouped bars, with the figures as a table. */
export default function DueChart({ rules }: { rules: RuleDue[] }) {
  const { t, number } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current || rules.length === 0) return;
    const series = [
      { label: t('ret.dueNow'), data: rules.map((r) => r.now) },
      { label: t('ret.due30'), data: rules.map((r) => r.in30) },
      { label: t('ret.due90'), data: rules.map((r) => r.in90) },
    ];
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: rules.map((r) => r.rule),
        datasets: series.map((s, i) => ({ ...s, backgroundColor: COLOURS[i] })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [rules, t]);

  if (rules.length === 0) return <p>{t('ret.dueNone')}</p>;
  return (
    <>
      <div className="chart">
        <canvas ref={canvas} role="img" aria-label={t('ret.dueChart')} />
      </div>
      <details>
        <summary>{t('ret.figures')}</summary>
        <div className="table-wrap">
          <table className="due-table">
            <thead>
              <tr>
                <th scope="col">{t('ret.rule')}</th>
                <th scope="col">{t('ret.collection')}</th>
                <th scope="col">{t('ret.dueNow')}</th>
                <th scope="col">{t('ret.due30')}</th>
                <th scope="col">{t('ret.due90')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.flatMap((r) => [
                <tr key={r.rule} data-rule={r.rule}>
                  <th scope="row">{r.rule}</th>
                  <td>—</td>
                  <td className="num">{number(r.now)}</td>
                  <td className="num">{number(r.in30)}</td>
                  <td className="num">{number(r.in90)}</td>
                </tr>,
                ...r.collections.map((c) => (
                  <tr key={`${r.rule}/${c.collection}`}>
                    <td />
                    <td>
                      {c.collection}
                      {c.skipped && ` (${t('ret.skipped')}: ${c.skipped})`}
                    </td>
                    <td className="num">{number(c.now)}</td>
                    <td className="num">{number(c.in30)}</td>
                    <td className="num">{number(c.in90)}</td>
                  </tr>
                )),
              ])}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
