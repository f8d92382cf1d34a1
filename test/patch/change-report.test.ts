// What a successful patch reports, as tables: the diff of one file (counts, hunks, line numbers,
// the final newline, a big file), and the model's message and the item's changes with their bounds.
import { describe, expect, it } from 'vitest';
import type { FileChange } from '../../src/protocol/files.ts';
import { diffFileText } from '../../src/patch/change-diff.ts';
import { ITEM_LIMITS, MODEL_LIMITS, boundLines, reportChanges } from '../../src/patch/change-report.ts';

const lines = (n: number, f = (i: number) => `line ${i + 1}`): string => `${Array.from({ length: n }, (_, i) => f(i)).join('\n')}\n`;

describe('diffFileText', () => {
  const cases: { name: string; before: string | null; after: string | null; added: number; removed: number; hunks: string[] }[] = [
    { name: 'add', before: null, after: 'a\nb\n', added: 2, removed: 0, hunks: ['@@ -0,0 +1,2 @@', '+a', '+b'] },
    { name: 'delete', before: 'a\n', after: null, added: 0, removed: 1, hunks: ['@@ -1,1 +0,0 @@', '-a'] },
    { name: 'empty file added', before: null, after: '', added: 0, removed: 0, hunks: [] },
    { name: 'unchanged', before: 'a\nb\n', after: 'a\nb\n', added: 0, removed: 0, hunks: [] },
    {
      name: 'one line in the middle: context 2, real line numbers',
      before: lines(10),
      after: lines(10).replace('line 5\n', 'LINE 5\n'),
      added: 1,
      removed: 1,
      hunks: ['@@ -3,5 +3,5 @@', ' line 3', ' line 4', '-line 5', '+LINE 5', ' line 6', ' line 7'],
    },
    {
      name: 'insertion at the top',
      before: 'b\nc\nd\ne\n',
      after: 'a\nb\nc\nd\ne\n',
      added: 1,
      removed: 0,
      hunks: ['@@ -1,2 +1,3 @@', '+a', ' b', ' c'],
    },
    {
      name: 'final newline removed',
      before: 'a\nb\n',
      after: 'a\nb',
      added: 1,
      removed: 1,
      hunks: ['@@ -1,2 +1,2 @@', ' a', '-b', '+b', '\\ No newline at end of file'],
    },
    {
      name: 'two changes far apart make two hunks',
      before: lines(20),
      after: lines(20).replace('line 2\n', 'two\n').replace('line 19\n', 'nineteen\n'),
      added: 2,
      removed: 2,
      hunks: ['@@ -1,4 +1,4 @@', ' line 1', '-line 2', '+two', ' line 3', ' line 4', '@@ -17,4 +17,4 @@', ' line 17', ' line 18', '-line 19', '+nineteen', ' line 20'],
    },
    {
      name: 'CRLF file: the carriage returns are kept',
      before: 'a\r\nb\r\nc\r\n',
      after: 'a\r\nB\r\nc\r\n',
      added: 1,
      removed: 1,
      hunks: ['@@ -1,3 +1,3 @@', ' a\r', '-b\r', '+B\r', ' c\r'],
    },
  ];
  it.each(cases)('$name', ({ before, after, added, removed, hunks }) => {
    expect(diffFileText(before, after)).toEqual({ added, removed, lines: hunks });
  });

  it('a wholesale rewrite past the Myers bound is one correct replacement', () => {
    const d = diffFileText(lines(6000), lines(6000, (i) => `other ${i}`));
    expect(d).toMatchObject({ added: 6000, removed: 6000 });
    expect(d.lines[0]).toBe('@@ -1,6000 +1,6000 @@');
  });

  it('stays fast on a big file with edits at both ends', () => {
    const big = lines(200_000);
    const after = `new first\n${big.replace('line 200000\n', 'last\n')}`;
    const t0 = performance.now();
    const d = diffFileText(big, after);
    expect(d).toMatchObject({ added: 2, removed: 1 });
    expect(performance.now() - t0).toBeLessThan(5000); // generous: the point is no quadratic blow-up
  });
});

describe('boundLines', () => {
  const cases = [
    { name: 'fits', lines: ['ab', 'cd'], budget: 6, lineChars: 10, shown: ['ab', 'cd'], omitted: 0, shortened: false },
    { name: 'cut at a line', lines: ['ab', 'cd', 'ef'], budget: 6, lineChars: 10, shown: ['ab', 'cd'], omitted: 1, shortened: false },
    { name: 'long line shortened', lines: ['x'.repeat(20)], budget: 100, lineChars: 5, shown: ['xxxxx… (15 more characters)'], omitted: 0, shortened: true },
    { name: 'nothing fits', lines: ['abc'], budget: 2, lineChars: 10, shown: [], omitted: 1, shortened: false },
  ];
  it.each(cases)('$name', ({ lines: input, budget, lineChars, shown, omitted, shortened }) => {
    expect(boundLines(input, budget, lineChars)).toEqual({ lines: shown, omitted, shortened });
  });
});

describe('reportChanges', () => {
  const update = (path: string): FileChange => ({ path, kind: 'update' });

  it('a one-line update: counts and the hunk in a small message', () => {
    const r = reportChanges([update('a.js')], [{ before: lines(10), after: lines(10).replace('line 5\n', 'LINE 5\n') }]);
    expect(r.summary).toBe(
      'Success. Updated the following files:\nM a.js (+1 -1)\n@@ -3,5 +3,5 @@\n line 3\n line 4\n-line 5\n+LINE 5\n line 6\n line 7\n',
    );
    expect(r.summary.length).toBeLessThan(200);
    expect(r.changes).toEqual([{ path: 'a.js', kind: 'update', lines_added: 1, lines_removed: 1, diff: r.summary.split('\n').slice(2).join('\n') }]);
  });

  it('add and delete: counts only for the model, the diff in the item', () => {
    const r = reportChanges(
      [
        { path: 'new.txt', kind: 'add' },
        { path: 'old.txt', kind: 'delete' },
      ],
      [
        { before: null, after: 'one\ntwo\n' },
        { before: 'gone\n', after: null },
      ],
    );
    expect(r.summary).toBe('Success. Updated the following files:\nA new.txt (+2 -0)\nD old.txt (+0 -1)\n');
    expect(r.changes.map((c) => c.diff)).toEqual(['@@ -0,0 +1,2 @@\n+one\n+two\n', '@@ -1,1 +0,0 @@\n-gone\n']);
  });

  it('a move is listed under its new path with the hunks of the moved file', () => {
    const r = reportChanges([{ path: 'a.txt', kind: 'move', move_path: 'b.txt' }], [{ before: 'x\n', after: 'y\n' }]);
    expect(r.summary).toBe('Success. Updated the following files:\nM b.txt (+1 -1)\n@@ -1,1 +1,1 @@\n-x\n+y\n');
    expect(r.changes[0]).toMatchObject({ path: 'a.txt', move_path: 'b.txt', diff: '@@ -1,1 +1,1 @@\n-x\n+y\n' });
  });

  it('a large update is cut for the model and in the item, and both say so', () => {
    const r = reportChanges([update('big.txt')], [{ before: lines(2000), after: lines(2000, (i) => `changed ${i}`) }]);
    const hunkText = r.summary.split('\n').slice(2, -2).join('\n');
    expect(hunkText.length).toBeLessThanOrEqual(MODEL_LIMITS.fileChars);
    expect(r.summary).toMatch(/^M big\.txt \(\+2000 -2000\)$/m);
    expect(r.summary).toMatch(/\n… \d+ more diff lines of big\.txt not shown \(read the file to see them\)\n$/);
    expect(r.changes[0]!.diff!.length).toBeLessThanOrEqual(ITEM_LIMITS.fileChars);
    expect(r.changes[0]).toMatchObject({ lines_added: 2000, lines_removed: 2000, diff_truncated: true });
  });

  it('the totals bound the whole patch, file after file', () => {
    const n = 10;
    const changes = Array.from({ length: n }, (_, i) => update(`f${i}.txt`));
    const texts = changes.map(() => ({ before: lines(400), after: lines(400, (i) => `x${i}`) }));
    const r = reportChanges(changes, texts);
    const hunkChars = r.summary
      .split('\n')
      .filter((l) => /^[ +\-@\\]/.test(l))
      .reduce((sum, l) => sum + l.length + 1, 0);
    expect(hunkChars).toBeLessThanOrEqual(MODEL_LIMITS.totalChars);
    expect(r.summary).toContain('M f9.txt (+400 -400)'); // every file is still listed with its counts
    expect(r.changes.reduce((sum, c) => sum + (c.diff?.length ?? 0), 0)).toBeLessThanOrEqual(ITEM_LIMITS.totalChars);
    expect(r.changes.at(-1)).toMatchObject({ diff_truncated: true, lines_added: 400 });
    expect(r.changes.at(-1)!.diff).toBeUndefined();
  });

  it('long and control-character lines: shortened and marked, the text kept as data', () => {
    const long = `const s = "${'\u001b[31m'.repeat(10)}${'z'.repeat(5000)}";`;
    const r = reportChanges([update('min.js')], [{ before: 'a\n', after: `a\n${long}\n` }]);
    const added = r.summary.split('\n').find((l) => l.startsWith('+'))!;
    expect(added.length).toBeLessThan(MODEL_LIMITS.lineChars + 40);
    expect(added).toMatch(/… \(\d+ more characters\)$/);
    expect(added).toContain('\u001b[31m'); // sanitizing is the terminal's job (safe-text), not the data's
    expect(r.changes[0]).toMatchObject({ lines_added: 1, diff_truncated: true });
  });
});
