// Throughput of computeDeadlines against a baseline measured in the same run (one Intl date conversion).
import { computeDeadlines, LAWS, localDateOf } from '../src/laws/index.js';

const kinds = LAWS.flatMap((l) => l.kinds.map((k) => ({ law: l.id, kind: k.id })));
const N = 20_000;
const start = Date.UTC(2026, 0, 1);
const instants = Array.from(
  { length: N },
  (_, i) => new Date(start + ((i * 7_919_000_003) % (3 * 365 * 86_400_000))),
);
function time(fn: () => void): number {
  fn(); // warm-up
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
let sink = 0;
const base = time(() => {
  for (const d of instants) sink += localDateOf(d).length;
});
const full = time(() => {
  instants.forEach((d, i) => {
    const k = kinds[i % kinds.length]!;
    sink += computeDeadlines({ ...k, receivedAt: d }).dueBy.length;
  });
});
const bizSettings = { laws: { appi: { target: { amount: 20, unit: 'business_days' as const } } } };
const biz = time(() => {
  for (const d of instants)
    sink += computeDeadlines({
      law: 'appi',
      kind: 'appi.disclosure',
      receivedAt: d,
      orgSettings: bizSettings,
    }).dueBy.length;
});
console.log(`N=${N}`);
console.log(`baseline localDateOf: ${base.toFixed(1)} ms (${((base * 1000) / N).toFixed(2)} µs/op)`);
console.log(
  `computeDeadlines (all kinds): ${full.toFixed(1)} ms (${((full * 1000) / N).toFixed(2)} µs/op), ratio ${(full / base).toFixed(1)}x`,
);
console.log(
  `computeDeadlines (APPI 20 business days): ${biz.toFixed(1)} ms (${((biz * 1000) / N).toFixed(2)} µs/op), ratio ${(biz / base).toFixed(1)}x`,
);
if (sink === 0) console.log('');
