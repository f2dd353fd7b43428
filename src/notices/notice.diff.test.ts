import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanRegister } from '../register/lint/lint.test-helpers.js';
import { diffLines, diffNotices, formatNoticeDiff, splitSections } from './notice.diff.js';
import { renderNotice } from './notice.render.js';

describe('diffLines', () => {
  const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 12 });

  it('rebuilds both sides from the operations', () => {
    fc.assert(
      fc.property(lines, lines, (before, after) => {
        const ops = diffLines(before, after);
        expect(ops.filter((o) => o.op !== 'insert').map((o) => o.text)).toEqual(before);
        expect(ops.filter((o) => o.op !== 'delete').map((o) => o.text)).toEqual(after);
      }),
    );
  });

  it('keeps a longest common subsequence', () => {
    const lcs = (a: string[], b: string[]): number =>
      a.length === 0 || b.length === 0
        ? 0
        : a[0] === b[0]
          ? 1 + lcs(a.slice(1), b.slice(1))
          : Math.max(lcs(a.slice(1), b), lcs(a, b.slice(1)));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 7 }),
        fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 7 }),
        (a, b) => {
          expect(diffLines(a, b).filter((o) => o.op === 'equal')).toHaveLength(lcs(a, b));
        },
      ),
    );
  });
});

describe('diffNotices', () => {
  const v1 = renderNotice(cleanRegister(), { lang: 'ja', format: 'md' });

  it('finds no change between identical versions', () => {
    const diff = diffNotices(v1, v1);
    expect(diff.changed).toBe(false);
    expect(formatNoticeDiff(diff)).toBe('');
  });

  it('shows a changed fee in its section only', () => {
    const r = cleanRegister();
    r.rights.fees[0]!.amount = 500;
    const diff = diffNotices(v1, renderNotice(r, { lang: 'ja', format: 'md' }));
    const changed = diff.sections.filter((s) => s.status !== 'unchanged');
    expect(changed.map((s) => s.path)).toEqual([
      '株式会社テスト 個人情報の取扱いについて > 開示等の請求の手続 > 手数料',
    ]);
    expect(changed[0]?.lines.filter((l) => l.op !== 'equal')).toEqual([
      { op: 'delete', text: '利用目的の通知、開示のご請求には、1件につき1,000円の手数料をいただきます。' },
      { op: 'insert', text: '利用目的の通知、開示のご請求には、1件につき500円の手数料をいただきます。' },
    ]);
    expect(formatNoticeDiff(diff)).toContain(
      '@@ changed: 株式会社テスト 個人情報の取扱いについて > 開示等の請求の手続 > 手数料\n- 利用目的',
    );
  });

  it('reports added and removed sections', () => {
    const r = cleanRegister();
    r.statements.push({
      key: 'calls',
      title: { ja: '通話の録音' },
      body: { ja: '通話を録音することがあります。' },
    });
    const v2 = renderNotice(r, { lang: 'ja', format: 'md' });
    const added = diffNotices(v1, v2)
      .sections.filter((s) => s.status === 'added')
      .map((s) => s.path);
    expect(added).toEqual([
      '株式会社テスト 個人情報の取扱いについて > その他の取扱い',
      '株式会社テスト 個人情報の取扱いについて > その他の取扱い > 通話の録音',
    ]);
    const removed = diffNotices(v2, v1).sections.filter((s) => s.status === 'removed');
    expect(removed.map((s) => s.path)).toEqual(added);
    expect(removed[1]?.lines).toEqual([{ op: 'delete', text: '通話を録音することがあります。' }]);
  });

  it('keeps sections with the same heading apart', () => {
    const sections = splitSections('# A\n## X\none\n## X\ntwo\n');
    expect(sections.map((s) => s.path)).toEqual(['A', 'A > X', 'A > X (2)']);
    expect(sections.map((s) => s.lines)).toEqual([[], ['one'], ['two']]);
  });
});
