import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const DECISIONS = ['granted', 'denied', 'withdrawn'] as const;
// Okabe–Ito colours (colour-blind safe), as the requests chart; the table carries the same figures.
const COLOURS: Record<(typeof DECISIONS)[number], string> = {
  granted: '#009E73',
  denied: '#D55E00',
  withdrawn: '#E69F00',
};

export interface Rate {
  purpose: string;
  decision: string;
  count: number;
}

/** Per purpose, the share of subjects whose current decision is granted / denied / withdrawn (percent). */
export function consentShares(
  rates: readonly Rate[],
): { purpose: string; total: number; percent: number[] }[] {
  const byPurpose = new Map<string, number[]>();
  for (const r of rates) {
    const index = DECISIONS.indexOf(r.decision as (typeof DECISIONS)[number]);
    if (index < 0) continue;
    const row = byPurpose.get(r.purpose) ?? [0, 0, 0];
    row[index] = (row[index] ?? 0) + r.count;
    byPurpose.set(r.purpose, row);
  }
  return [...byPurpose.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([purpose, counts]) => {
      const total = counts.reduce((a, b) => a + b, 0);
      return {
        purpose,
        total,
        percent: counts.map((c) => (total ? Math.round((c / total) * 1000) / 10 : 0)),
      };
    });
}

export default function ConsentRatesChart({ rates }: { rates: readonly Rate[] }) {
  const { t, number } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const shares = useMemo(() => consentShares(rates), [rates]);
  useEffect(() => {
    if (!canvas.current || shares.length === 0) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: shares.map((s) => s.purpose),
        datasets: DECISIONS.map((d, i) => ({
          label: t(`dash.consent.${d}`),
          data: shares.map((s) => s.percent[i] ?? 0),
          backgroundColor: COLOURS[d],
        })),
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true, max: 100, ticks: { callback: (v) => `${v}%` } }, y: { stacked: true } },
      },
    });
    return () => chart.destroy();
  }, [shares, t]);
  if (shares.length === 0) return <p>{t('dash.consent.none')}</p>;
  return (
    <>
      <div className="chart" style={{ height: `${Math.max(8, shares.length * 2.5 + 4)}rem` }}>
        <canvas ref={canvas} role="img" aria-label={t('dash.consent.title')} />
      </div>
      <details>
        <summary>{t('dash.consent.asTable')}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dash.consent.purpose')}</th>
                {DECISIONS.map((d) => (
                  <th scope="col" key={d}>
                    {t(`dash.consent.${d}`)}
                  </th>
                ))}
                <th scope="col">{t('dash.consent.subjects')}</th>
              </tr>
            </thead>
            <tbody>
              {shares.map((s) => (
                <tr key={s.purpose}>
                  <th scope="row">{s.purpose}</th>
                  {s.percent.map((p, i) => (
                    <td key={DECISIONS[i]} className="num">
                      {p}%
                    </td>
                  ))}
                  <td className="num">{number(s.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
