export interface DiffLine {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Line diff by longest common subsequence: register documents are small (tens of lines). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] =
        a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'equal', text: a[i] as string });
      i++;
      j++;
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) {
      out.push({ op: 'delete', text: a[i++] as string });
    } else {
      out.push({ op: 'insert', text: b[j++] as string });
    }
  }
  while (i < n) out.push({ op: 'delete', text: a[i++] as string });
  while (j < m) out.push({ op: 'insert', text: b[j++] as string });
  return out;
}

/**
 * Pairs diff lines into rows for a side-by-side view: equal lines on both sides, a run of deletions
 * beside the insertions that replace it.
 */
export function sideBySide(lines: readonly DiffLine[]): { left?: DiffLine; right?: DiffLine }[] {
  const rows: { left?: DiffLine; right?: DiffLine }[] = [];
  let k = 0;
  while (k < lines.length) {
    const line = lines[k] as DiffLine;
    if (line.op === 'equal') {
      rows.push({ left: line, right: line });
      k++;
      continue;
    }
    const deleted: DiffLine[] = [];
    const inserted: DiffLine[] = [];
    while (k < lines.length && (lines[k] as DiffLine).op !== 'equal') {
      const l = lines[k] as DiffLine;
      (l.op === 'delete' ? deleted : inserted).push(l);
      k++;
    }
    for (let r = 0; r < Math.max(deleted.length, inserted.length); r++) {
      rows.push({
        ...(deleted[r] && { left: deleted[r] }),
        ...(inserted[r] && { right: inserted[r] }),
      });
    }
  }
  return rows;
}
