import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileDiff } from '../../src/protocol/files.ts';
import type { PickAttempt } from '../../src/protocol/pick.ts';
import { PickScreen } from '../../src/ui/pick/pick-screen.tsx';
import { plain, waitFor } from './frames.ts';
import { KEY } from './keys.ts';

afterEach(() => cleanup());

const attempt = (index: number, over: Partial<PickAttempt> = {}): PickAttempt => ({
  runId: `20261207-090001-000${index}`,
  index,
  status: 'completed',
  check: 'none',
  diff: { files: 1, added: index, removed: 0 },
  costUsd: 0.01 * index,
  chosen: index === 1,
  finalMessage: `Answer number ${index}.`,
  gone: false,
  ...over,
});

function diffOf(runId: string): FileDiff[] {
  const body = `--- a/answer.txt\n+++ b/answer.txt\n@@ -0,0 +1 @@\n+from ${runId}\n`;
  return [{ path: 'answer.txt', stat: { path: 'answer.txt', kind: 'add', added: 1, removed: 0, binary: false }, diff: body }];
}

function setup(attempts: PickAttempt[], width = 80) {
  const done: (string | null)[] = [];
  const diffs: string[] = [];
  const r = render(
    <PickScreen
      group="20261207-090001-0001"
      title={'fix \u001b[2Jthe thing'}
      attempts={attempts}
      width={width}
      height={24}
      loadDiff={(runId) => {
        diffs.push(runId);
        return Promise.resolve(diffOf(runId));
      }}
      onDone={(runId) => done.push(runId)}
    />,
  );
  return { ...r, frame: () => plain(r.lastFrame()), done, diffs };
}

const headerRow = (frame: string): string => frame.split('\n').find((l) => /#\d/.test(l)) ?? '';

describe('PickScreen', () => {
  it('shows the attempts side by side, the first selected, hew\'s choice marked, the title made safe', () => {
    const { frame } = setup([attempt(1), attempt(2), attempt(3)]);
    const out = frame();
    expect(headerRow(out)).toMatch(/▸ #1 ★ chosen +#2 +#3/);
    expect(out).toMatch(/Answer number 1\. +Answer number 2\. +Answer number 3\./);
    expect(out).toMatch(/\+1 −0, 1 file +\+2 −0, 1 file +\+3 −0, 1 file/);
    expect(out).toContain('fix ␛[2Jthe thing');
    expect(out).toContain('Enter apply #1 to your tree');
  });

  it('←/→, h/l and digits move the selection; Enter chooses the selected run', async () => {
    const { stdin, frame, done } = setup([attempt(1), attempt(2), attempt(3)]);
    stdin.write(KEY.right);
    await waitFor(() => expect(headerRow(frame())).toMatch(/▸ #2/));
    stdin.write('l');
    await waitFor(() => expect(headerRow(frame())).toMatch(/▸ #3/));
    stdin.write(KEY.right); // past the last: stays
    stdin.write('h');
    await waitFor(() => expect(headerRow(frame())).toMatch(/▸ #2/));
    stdin.write('3');
    await waitFor(() => expect(frame()).toContain('Enter apply #3'));
    stdin.write(KEY.left);
    await waitFor(() => expect(frame()).toContain('Enter apply #2'));
    stdin.write(KEY.enter);
    await waitFor(() => expect(done).toEqual(['20261207-090001-0002']));
  });

  it('more attempts than fit: a window that scrolls with the selection', async () => {
    const attempts = Array.from({ length: 8 }, (_, i) => attempt(i + 1));
    const { stdin, frame } = setup(attempts);
    expect(headerRow(frame())).toMatch(/#1.*#2.*#3/);
    expect(frame()).not.toContain('#4');
    expect(frame()).toContain('5 more ›');
    stdin.write('5');
    await waitFor(() => expect(headerRow(frame())).toMatch(/#3.*#4.*▸ #5/));
    expect(frame()).toContain('‹ 2 more');
    expect(frame()).toContain('3 more ›');
    stdin.write('1');
    await waitFor(() => expect(headerRow(frame())).toMatch(/▸ #1.*#2.*#3/));
  });

  it('d shows the selected attempt\'s diff; q goes back to the columns', async () => {
    const { stdin, frame, diffs, done } = setup([attempt(1), attempt(2)]);
    stdin.write(KEY.right);
    await waitFor(() => expect(frame()).toContain('Enter apply #2'));
    stdin.write('d');
    await waitFor(() => expect(frame()).toContain('file 1/1 answer.txt +1 -0'));
    expect(diffs).toEqual(['20261207-090001-0002']);
    expect(frame()).toContain('+from 20261207-090001-0002');
    expect(frame()).not.toContain('Answer number');
    stdin.write('q'); // closes the diff, does not quit
    await waitFor(() => expect(frame()).toContain('Answer number 2.'));
    expect(done).toEqual([]);
    stdin.write(KEY.escape);
    await waitFor(() => expect(done).toEqual([null]));
  });

  it('q quits without choosing; an attempt whose copy is gone cannot be chosen', async () => {
    const { stdin, frame, done } = setup([attempt(1, { gone: true }), attempt(2)]);
    expect(frame()).toContain('copy discarded');
    stdin.write(KEY.enter);
    await waitFor(() => expect(frame()).toContain('its working copy is gone; there is nothing to apply'));
    stdin.write('d');
    await waitFor(() => expect(frame()).toContain('there is no diff to show'));
    expect(done).toEqual([]);
    stdin.write('q');
    await waitFor(() => expect(done).toEqual([null]));
  });
});
