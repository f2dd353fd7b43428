import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useMemo, useRef } from 'react';
import { type MessageKey, tokyoDay, useI18n } from '../i18n/i18n';

// Only the pieces a stacked bar chart needs: Chart.js tree-shakes the rest out of this chunk.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Colour-blind-safe palette (Okabe–Ito); the table below carries the same figures for screen readers.
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export default function RequestsChart({
  requests,
}: {
  requests: { receivedAt: string; aspects: string[] }[];
}) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const { months, kinds, table } = useMemo(() => {
    const today = tokyoDay(new Date());
    const [y, m] = today.split('-').map(Number) as [number, number];
    const months: string[] = [];
    for (let k = 5; k >= 0; k--) {
      const d = new Date(Date.UTC(y, m - 1 - k, 1));
      months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
    }
    const table = new Map<string, number[]>();
    for (const r of requests) {
      const index = months.indexOf(tokyoDay(r.receivedAt).slice(0, 7));
      if (index < 0) continue;
      for (const aspect of r.aspects) {
        const row = table.get(aspect) ?? new Array<number>(months.length).fill(0);
        row[index] = (row[index] ?? 0) + 1;
        table.set(aspect, row);
      }
    }
    return { months, kinds: [...table.keys()].sort(), table };
  }, [requests]);

  useEffect(() => {
    if (!canvas.current || kinds.length === 0) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: months,
        datasets: kinds.map((kind, i) => ({
          label: t(`aspect.${kind}` as MessageKey),
          data: table.get(kind) ?? [],
          backgroundColor: PALETTE[i % PALETTE.length],
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [months, kinds, table, t]);

  if (kinds.length === 0) return <p>{t('dash.chartEmpty')}</p>;
  return (
    <>
      <div className="chart">
        <canvas ref={canvas} role="img" aria-label={t('dash.chartTitle')} />
      </div>
      <details>
        <summary>{t('dash.count')}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('req.aspects')}</th>
                {months.map((m) => (
                  <th scope="col" key={m}>
                    {m}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {kinds.map((kind) => (
                <tr key={kind}>
                  <th scope="row">{t(`aspect.${kind}` as MessageKey)}</th>
                  {(table.get(kind) ?? []).map((n, i) => (
                    <td key={months[i]}>{n}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
