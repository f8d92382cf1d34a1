// batch's progress bar on a terminal: drawn in place under the result lines, erased before each one;
// with no terminal only the result lines are written, never an escape sequence.
import { describe, expect, it } from 'vitest';
import { ProgressLine } from '../../src/cli/batch-output.ts';

const ERASE = '\r\u001b[2K';

function record(enabled: boolean): { bar: ProgressLine; out: string[] } {
  const out: string[] = [];
  return { bar: new ProgressLine((t) => out.push(t), enabled, 2), out };
}

describe('ProgressLine', () => {
  it('on a terminal: draws the bar, erases it before a result line, redraws it, and is gone when all are done', () => {
    const { bar, out } = record(true);
    bar.started();
    bar.started();
    bar.finished();
    bar.print('a.md completed\n');
    bar.finished();
    bar.print('b.md completed\n');
    bar.clear();
    expect(out).toEqual([
      `${ERASE}[${'-'.repeat(20)}] 0/2 done · 1 running`,
      `${ERASE}[${'-'.repeat(20)}] 0/2 done · 2 running`,
      ERASE,
      'a.md completed\n',
      `${ERASE}[${'#'.repeat(10)}${'-'.repeat(10)}] 1/2 done · 1 running`,
      ERASE,
      'b.md completed\n',
    ]);
  });

  it('without a terminal: the result lines alone', () => {
    const { bar, out } = record(false);
    bar.started();
    bar.finished();
    bar.print('a.md completed\n');
    bar.clear();
    expect(out).toEqual(['a.md completed\n']);
  });
});
