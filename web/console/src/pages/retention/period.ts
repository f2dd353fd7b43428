/** A register duration in the reader's language: `{ years: 7 }` → 7年 / 7y. */
export function periodText(
  period: { years?: number; months?: number; days?: number } | null | undefined,
  lang: 'ja' | 'en',
): string | undefined {
  if (!period) return undefined;
  const parts: [number | undefined, string, string][] = [
    [period.years, '年', 'y'],
    [period.months, 'か月', 'm'],
    [period.days, '日', 'd'],
  ];
  return parts
    .filter(([n]) => n)
    .map(([n, ja, en]) => (lang === 'ja' ? `${n}${ja}` : `${n}${en}`))
    .join(' ');
}
