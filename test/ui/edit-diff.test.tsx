// An edit's diff inline in the transcript: bounded per edit (state/edit-preview.ts), coloured, with
// a line naming `/diff PATH` for the rest; model-written diff text reaches the frame made safe.
import { cleanup, render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FileChange } from '../../src/protocol/files.ts';
import { colorLevel, setColorLevel } from '../../src/ui/color.ts';
import type { ColorLevel } from '../../src/ui/color.ts';
import { FileChangeCard } from '../../src/ui/components/file-change-card.tsx';
import { EDIT_DIFF_LINES, editPreview, moreLine } from '../../src/ui/state/edit-preview.ts';
import { mountApp } from './app-harness.tsx';
import { completed } from './events.ts';
import { plain, waitFor } from './frames.ts';

let saved: ColorLevel = 0;
beforeAll(() => {
  saved = colorLevel();
});
afterAll(() => setColorLevel(saved));
afterEach(() => cleanup());

/** A diff of `n` lines: a hunk header and n-1 added lines. */
function hunk(n: number, tag = 'x'): string {
  return `@@ -0,0 +1,${n - 1} @@\n${Array.from({ length: n - 1 }, (_, i) => `+${tag} ${i + 1}`).join('\n')}\n`;
}
const change = (path: string, diff: string | undefined, over: Partial<FileChange> = {}): FileChange => ({ path, kind: 'update', ...(diff !== undefined ? { diff } : {}), ...over });

describe('editPreview: at most EDIT_DIFF_LINES lines per edit, file after file', () => {
  const cases: { name: string; changes: FileChange[]; limit?: number; want: { shown: number; hidden: number; cut: boolean }[] }[] = [
    { name: 'a small diff whole', changes: [change('a', hunk(4))], want: [{ shown: 4, hidden: 0, cut: false }] },
    { name: 'exactly the limit, whole', changes: [change('a', hunk(EDIT_DIFF_LINES))], want: [{ shown: EDIT_DIFF_LINES, hidden: 0, cut: false }] },
    { name: 'one over the limit', changes: [change('a', hunk(EDIT_DIFF_LINES + 1))], want: [{ shown: EDIT_DIFF_LINES, hidden: 1, cut: false }] },
    { name: 'a big diff', changes: [change('a', hunk(61))], want: [{ shown: EDIT_DIFF_LINES, hidden: 61 - EDIT_DIFF_LINES, cut: false }] },
    { name: 'the first file takes the room first', changes: [change('a', hunk(8)), change('b', hunk(8))], limit: 10, want: [{ shown: 8, hidden: 0, cut: false }, { shown: 2, hidden: 6, cut: false }] },
    { name: 'no room left: nothing shown', changes: [change('a', hunk(10)), change('b', hunk(3))], limit: 10, want: [{ shown: 10, hidden: 0, cut: false }, { shown: 0, hidden: 3, cut: false }] },
    { name: 'no diff (binary, or a failed patch)', changes: [change('a', undefined), change('b', '')], want: [{ shown: 0, hidden: 0, cut: false }, { shown: 0, hidden: 0, cut: false }] },
    { name: 'a diff the event already cut', changes: [change('a', hunk(5), { diff_truncated: true })], want: [{ shown: 5, hidden: 0, cut: true }] },
  ];
  it.each(cases)('$name', ({ changes, limit, want }) => {
    const got = editPreview(changes, limit).map((p) => ({ shown: p.lines.length, hidden: p.hidden, cut: p.cut }));
    expect(got).toEqual(want);
  });

  it('the more-line says how many lines are left out and how to see them', () => {
    expect(moreLine('a.js', { lines: ['x'], hidden: 0, cut: false })).toBeNull();
    expect(moreLine('a.js', { lines: ['x'], hidden: 31, cut: false })).toBe('… 31 more lines · /diff a.js shows the whole file');
    expect(moreLine('a.js', { lines: [], hidden: 3, cut: false })).toBe('… 3 lines · /diff a.js shows the whole file');
    expect(moreLine('a.js', { lines: ['x'], hidden: 4, cut: true })).toBe('… 4+ more lines · /diff a.js shows the whole file');
    expect(moreLine('a.js', { lines: ['x'], hidden: 0, cut: true })).toBe('… the rest · /diff a.js shows the whole file');
  });
});

describe('FileChangeCard', () => {
  it(`shows a big edit's first ${EDIT_DIFF_LINES} lines and a line naming /diff PATH for the rest`, () => {
    const out = plain(render(<FileChangeCard change={{ id: 'f', status: 'completed', changes: [change('src/big.js', hunk(61, 'line'), { kind: 'add', lines_added: 60, lines_removed: 0 })] }} />).lastFrame());
    expect(out).toContain('A src/big.js +60 -0');
    expect(out).toContain(`+line ${EDIT_DIFF_LINES - 1}`);
    expect(out).not.toContain(`+line ${EDIT_DIFF_LINES}\n`);
    expect(out).toContain(`… ${61 - EDIT_DIFF_LINES} more lines · /diff src/big.js shows the whole file`);
  });

  it('colours added lines green, removed red, hunk headers cyan; a removed `---` line is a removal, not a header', () => {
    setColorLevel(1);
    const frame = render(<FileChangeCard change={{ id: 'f', status: 'completed', changes: [change('a.sql', '@@ -1,3 +1,3 @@\n keep\n--- old comment\n+-- new comment\n')] }} />).lastFrame() ?? '';
    expect(frame).toContain('\u001b[36m@@ -1,3 +1,3 @@');
    expect(frame).toContain('\u001b[31m--- old comment');
    expect(frame).toContain('\u001b[32m+-- new comment');
    setColorLevel(0);
    const bare = render(<FileChangeCard change={{ id: 'f', status: 'completed', changes: [change('a.sql', '@@ -1,3 +1,3 @@\n keep\n--- old comment\n+-- new comment\n')] }} />).lastFrame() ?? '';
    expect(bare).not.toContain('\u001b');
    expect(bare).toContain('+-- new comment'); // the +/- prefix reads without colour
  });

  it('a diff line carrying terminal escapes reaches the frame as visible pictures, never raw', async () => {
    setColorLevel(0);
    const app = mountApp();
    const evil = '@@ -1 +1 @@\n-const a = 1;\n+const a = "\u001b]0;PWNED\u0007\u001b[2J\u001b]52;c;ZXZpbA==\u0007\u009b31m";\n';
    app.controller.push(completed({ id: 'f1', type: 'file_change', status: 'completed', changes: [{ path: 'src/a.js', kind: 'update', lines_added: 1, lines_removed: 1, diff: evil }] }));
    await waitFor(() => expect(app.frame()).toContain('M src/a.js +1 -1'));
    const frames = app.frames.join('');
    expect(frames).not.toContain('\u001b]');
    expect(frames).not.toContain('\u001b[2J');
    expect(frames).not.toContain('\u009b');
    expect(app.frame()).toContain('+const a = "␛]0;PWNED␇␛[2J␛]52;c;ZXZpbA==␇⟨U+009B⟩31m";');
  });
});
