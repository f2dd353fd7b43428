import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../../i18n/i18n';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Okabe–Ito (colour-blind safe); the table below the chart carries the same figures for screen readers.
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];

export interface RateRow {
  purpose: string;
  decision: string;
  noticeVersion: number | null;
  count: number;
}

/** Granted share (percent) per purpose × notice version, from the current state of every subject. */
export function ratesByVersion(rows: readonly RateRow[]) {
  const purposes = [...new Set(rows.map((r) => r.purpose))].sort();
  const versions = [...new Set(rows.map((r) => r.noticeVersion))].sort((a, b) => (a ?? 0) - (b ?? 0));
  const cell = (purpose: string, version: number | null) => {
    const matching = rows.filter((r) => r.purpose === purpose && r.noticeVersion === version);
    const total = matching.reduce((a, r) => a + r.count, 0);
    const granted = matching.filter((r) => r.decision === 'granted').reduce((a, r) => a + r.count, 0);
    return { total, percent: total ? Math.round((granted / total) * 1000) / 10 : null };
  };
  return { purposes, versions, cell };
}

export default function VersionChart({ rows }: { rows: readonly RateRow[] }) {
  const { t, number } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const data = useMemo(() => ratesByVersion(rows), [rows]);
  const label = (v: number | null) => (v === null ? t('consent.noVersion') : t('consent.version', { v }));
  useEffect(() => {
    if (!canvas.current || data.purposes.length === 0) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: data.purposes,
        datasets: data.versions.map((v, i) => ({
          label: v === null ? t('consent.noVersion') : t('consent.version', { v }),
          data: data.purposes.map((p) => data.cell(p, v).percent),
          backgroundColor: PALETTE[i % PALETTE.length],
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, max: 100, ticks: { callback: (v) => `${v}%` } } },
      },
    });
    return () => chart.destroy();
  }, [data, t]);
  if (data.purposes.length === 0) return null;
  return (
    <>
      <div className="chart">
        <canvas ref={canvas} role="img" aria-label={t('consent.chartTitle')} />
      </div>
      <details>
        <summary>{t('consent.chartTable')}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('consent.purpose')}</th>
                {data.versions.map((v) => (
                  <th scope="col" key={String(v)}>
                    {label(v)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.purposes.map((p) => (
                <tr key={p}>
                  <th scope="row">{p}</th>
                  {data.versions.map((v) => {
                    const c = data.cell(p, v);
                    return (
                      <td key={String(v)} className="num">
                        {c.percent === null ? '—' : `${c.percent}% (${number(c.total)})`}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
