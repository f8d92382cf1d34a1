import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileDiff } from '../../src/protocol/files.ts';
import { DiffView } from '../../src/ui/components/diff-view.tsx';
import { plain, waitFor } from './frames.ts';
import { KEY } from './keys.ts';

afterEach(() => cleanup());

function file(path: string, n: number): FileDiff {
  const lines = [`--- a/${path}`, `+++ b/${path}`, `@@ -1,${n} +1,${n} @@`, ...Array.from({ length: n }, (_, i) => `+${path} line ${i + 1}`)];
  return { path, stat: { path, kind: 'update', added: n, removed: 0, binary: false }, diff: `${lines.join('\n')}\n` };
}

function setup() {
  let closed = 0;
  const files = [file('src/a.ts', 30), file('src/b.ts', 5), file('src/c.ts', 2)];
  const r = render(<DiffView files={files} height={10} onClose={() => (closed += 1)} />);
  return { ...r, frame: () => plain(r.lastFrame()), closed: () => closed };
}

describe('DiffView', () => {
  it('shows the first file, a page of its diff, and where you are', () => {
    const { frame } = setup();
    const out = frame();
    expect(out).toContain('file 1/3 src/a.ts +30 -0');
    expect(out).toContain('+++ b/src/a.ts');
    expect(out).toContain('+src/a.ts line 5');
    expect(out).not.toContain('+src/a.ts line 6'); // 8 body rows: 3 header lines + 5
    expect(out).toContain('lines 1-8 of 33');
    expect(out.split('\n')).toHaveLength(10);
  });

  it('scrolls with ↓/↑ and PgDn/PgUp, clamped at the ends', async () => {
    const { stdin, frame } = setup();
    stdin.write(KEY.down);
    await waitFor(() => expect(frame()).toContain('lines 2-9 of 33'));
    stdin.write(KEY.pageDown);
    await waitFor(() => expect(frame()).toContain('lines 10-17 of 33'));
    expect(frame()).toContain('+src/a.ts line 7');
    for (let i = 0; i < 5; i++) stdin.write(KEY.pageDown);
    await waitFor(() => expect(frame()).toContain('lines 26-33 of 33'));
    expect(frame()).toContain('+src/a.ts line 30');
    stdin.write(KEY.up);
    await waitFor(() => expect(frame()).toContain('lines 25-32 of 33'));
    stdin.write(KEY.pageUp);
    await waitFor(() => expect(frame()).toContain('lines 17-24 of 33'));
  });

  it('switches files with →/← and Tab/Shift+Tab, wrapping around, from the top', async () => {
    const { stdin, frame } = setup();
    stdin.write(KEY.pageDown);
    await waitFor(() => expect(frame()).toContain('lines 9-16'));
    stdin.write(KEY.right);
    await waitFor(() => expect(frame()).toContain('file 2/3 src/b.ts +5 -0'));
    expect(frame()).toContain('lines 1-8 of 8');
    stdin.write(KEY.tab);
    await waitFor(() => expect(frame()).toContain('file 3/3 src/c.ts'));
    stdin.write(KEY.tab);
    await waitFor(() => expect(frame()).toContain('file 1/3 src/a.ts'));
    stdin.write(KEY.left);
    await waitFor(() => expect(frame()).toContain('file 3/3 src/c.ts'));
    stdin.write(KEY.shiftTab);
    await waitFor(() => expect(frame()).toContain('file 2/3 src/b.ts'));
  });

  it('closes with q and with Esc', async () => {
    const a = setup();
    a.stdin.write('q');
    await waitFor(() => expect(a.closed()).toBe(1));
    const b = setup();
    b.stdin.write(KEY.escape);
    await waitFor(() => expect(b.closed()).toBe(1));
  });
});
