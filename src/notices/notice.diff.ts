/**
 * Structural diff of two rendered (Markdown) notice versions: sections are matched by their heading path,
 * lines inside a section by a longest-common-subsequence diff.
 */

export type LineOp = { op: 'equal' | 'insert' | 'delete'; text: string };

export interface SectionDiff {
  /** Headings from the top, e.g. `保存期間 > 契約終了後5年間…`; empty for text before the first heading. */
  path: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  lines: LineOp[];
}

export interface NoticeDiff {
  changed: boolean;
  sections: SectionDiff[];
}

interface NoticeSection {
  path: string;
  lines: string[];
}

const HEADING = /^(#{1,6})\s+(.*)$/;

export function splitSections(markdown: string): NoticeSection[] {
  const sections: NoticeSection[] = [{ path: '', lines: [] }];
  const stack: string[] = [];
  const counts = new Map<string, number>();
  for (const line of markdown.split('\n')) {
    const m = HEADING.exec(line);
    if (m) {
      const level = (m[1] ?? '#').length;
      stack.length = level - 1;
      stack[level - 1] = (m[2] ?? '').trim();
      let path = stack.filter((s) => s !== undefined).join(' > ');
      // Two sections with the same heading path stay distinct by their order.
      const seen = counts.get(path) ?? 0;
      counts.set(path, seen + 1);
      if (seen > 0) path = `${path} (${seen + 1})`;
      sections.push({ path, lines: [] });
    } else if (line.trim() !== '') {
      sections[sections.length - 1]?.lines.push(line);
    }
  }
  return sections.filter((s, i) => i > 0 || s.lines.length > 0);
}

/** Classic LCS table diff; O(n·m) memory is fine for notice sections (tens to hundreds of lines). */
export function diffLines(before: readonly string[], after: readonly string[]): LineOp[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const next = lcs[i + 1] as number[];
    for (let j = m - 1; j >= 0; j--) {
      row[j] =
        before[i] === after[j]
          ? (next[j + 1] as number) + 1
          : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      ops.push({ op: 'equal', text: before[i] as string });
      i++;
      j++;
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) {
      ops.push({ op: 'delete', text: before[i++] as string });
    } else {
      ops.push({ op: 'insert', text: after[j++] as string });
    }
  }
  while (i < n) ops.push({ op: 'delete', text: before[i++] as string });
  while (j < m) ops.push({ op: 'insert', text: after[j++] as string });
  return ops;
}

export function diffNotices(before: string, after: string): NoticeDiff {
  const a = splitSections(before);
  const b = splitSections(after);
  const order = diffLines(
    a.map((s) => s.path),
    b.map((s) => s.path),
  );
  const byPathA = new Map(a.map((s) => [s.path, s]));
  const byPathB = new Map(b.map((s) => [s.path, s]));
  const sections: SectionDiff[] = order.map(({ op, text: path }) => {
    if (op === 'delete') {
      return {
        path,
        status: 'removed',
        lines: (byPathA.get(path)?.lines ?? []).map((t) => ({ op: 'delete', text: t })),
      };
    }
    if (op === 'insert') {
      return {
        path,
        status: 'added',
        lines: (byPathB.get(path)?.lines ?? []).map((t) => ({ op: 'insert', text: t })),
      };
    }
    const lines = diffLines(byPathA.get(path)?.lines ?? [], byPathB.get(path)?.lines ?? []);
    return { path, status: lines.every((l) => l.op === 'equal') ? 'unchanged' : 'changed', lines };
  });
  return { changed: sections.some((s) => s.status !== 'unchanged'), sections };
}

const MARK = { equal: ' ', insert: '+', delete: '-' } as const;

/** Plain-text report of the changed sections, for the CLI and review. */
export function formatNoticeDiff(diff: NoticeDiff): string {
  return diff.sections
    .filter((s) => s.status !== 'unchanged')
    .map((s) => {
      const lines = s.lines.filter((l) => s.status !== 'changed' || l.op !== 'equal');
      return [
        `@@ ${s.status}: ${s.path || '(preamble)'}`,
        ...lines.map((l) => `${MARK[l.op]} ${l.text}`),
      ].join('\n');
    })
    .join('\n');
}
