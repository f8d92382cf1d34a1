import { describe, expect, it } from 'vitest';
import type { PickAttempt } from '../../src/protocol/pick.ts';
import { COLUMN_GAP, COLUMN_MAX, columnLines, columnsFit, cut, messageHead, windowStart } from '../../src/ui/pick/layout.ts';

const attempt = (over: Partial<PickAttempt> = {}): PickAttempt => ({
  runId: '20261207-090001-aaaa',
  index: 1,
  status: 'completed',
  check: 'none',
  diff: { files: 1, added: 3, removed: 1 },
  costUsd: 0.02,
  chosen: false,
  finalMessage: 'Fixed it.',
  gone: false,
  ...over,
});

describe('columnsFit: how many columns fit and how wide', () => {
  it.each([
    // total, terminal width, visible, column width
    [3, 80, 3, 25], // narrow columns: all three at 80
    [2, 80, 2, 39],
    [1, 80, 1, COLUMN_MAX], // never wider than the most
    [4, 80, 3, 25], // more than fit: a window of three
    [8, 80, 3, 25],
    [4, 100, 4, 23],
    [8, 200, 8, 23],
    [3, 30, 1, 30], // a tiny terminal: one at a time
    [3, 10, 1, 10],
  ])('%i attempts at %i columns: %i shown, %i wide', (total, width, visible, each) => {
    const fit = columnsFit(total, width);
    expect(fit).toEqual({ visible, width: each });
    expect(fit.visible * fit.width + (fit.visible - 1) * COLUMN_GAP).toBeLessThanOrEqual(Math.max(width, fit.width));
  });
});

describe('windowStart: the window scrolls with the selection', () => {
  it.each([
    // previous start, selected, visible, total, start
    [0, 0, 3, 8, 0],
    [0, 2, 3, 8, 0], // still in view: no move
    [0, 3, 3, 8, 1], // one past the right edge: one step
    [1, 7, 3, 8, 5], // a jump to the last: the last full window
    [5, 4, 3, 8, 4], // one past the left edge
    [5, 0, 3, 8, 0],
    [4, 5, 3, 8, 4],
    [0, 2, 3, 3, 0], // everything fits: never moves
    [6, 7, 3, 8, 5], // never past the last full window
  ])('start %i, select %i (%i of %i shown): start %i', (previous, selected, visible, total, start) => {
    expect(windowStart(previous, selected, visible, total)).toBe(start);
  });
});

describe('cut', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['a bit too long', 10, 'a bit too…'],
    ['héllo wörld', 5, 'héll…'],
    ['anything', 0, ''],
  ])('%j to %i: %j', (text, width, expected) => {
    expect(cut(text, width)).toBe(expected);
  });
});

describe('messageHead: the model\'s final message, made safe, wrapped and bounded', () => {
  it.each([
    ['a short answer', 20, 5, ['a short answer']],
    [null, 20, 5, ['(no final message)']],
    ['   \n  ', 20, 5, ['(no final message)']],
    ['words that wrap at the last space', 12, 5, ['words that', 'wrap at the', 'last space']],
    ['averyveryverylongword', 8, 5, ['averyver', 'yverylon', 'gword']],
    ['one\ntwo\nthree\nfour', 20, 2, ['one', 'two…']],
    ['tab\there', 20, 5, ['tab  here']],
    // Escapes are shown, never obeyed: ESC, BEL and CR become their pictures, so nothing can colour,
    // move the cursor, write the clipboard or overwrite a line.
    ['\u001b[31mred\u001b[0m', 30, 5, ['␛[31mred␛[0m']],
    ['copy \u001b]52;c;aGk=\u0007 me', 30, 5, ['copy ␛]52;c;aGk=␇ me']],
    ['fake\rreal', 30, 5, ['fake␍real']],
    ['\u202eevil', 30, 5, ['⟨U+202E⟩evil']],
  ])('%j at %i wide, %i lines', (message, width, max, expected) => {
    expect(messageHead(message, width, max)).toEqual(expected);
  });
});

describe('columnLines', () => {
  it('one attempt: the selection, index and chosen mark, status, check, diff, cost, then the message', () => {
    expect(columnLines(attempt({ chosen: true, check: 'passed' }), 25, 3, true).map((l) => l.text)).toEqual([
      '▸ #1 ★ chosen',
      'completed',
      'check passed',
      '+3 −1, 1 file',
      '$0.02',
      '',
      'Fixed it.',
    ]);
  });

  it.each([
    [{ check: 'failed' as const, status: 'failed' as const }, ['failed', 'check failed']],
    [{ costUsd: undefined }, ['cost unknown']],
    [{ gone: true }, ['copy discarded']],
    [{ diff: { files: 2, added: 10, removed: 0 } }, ['+10 −0, 2 files']],
  ])('%j shows %j', (over, shown) => {
    const texts = columnLines(attempt(over), 25, 3).map((l) => l.text);
    for (const s of shown) expect(texts).toContain(s);
  });

  it('every line fits the column, whatever the model wrote', () => {
    const hostile = `${'x'.repeat(200)}\n\u001b]8;;http://evil\u0007link\u001b]8;;\u0007\n${'y '.repeat(100)}`;
    for (const width of [1, 5, 12, 25]) {
      const lines = columnLines(attempt({ finalMessage: hostile, chosen: true, runId: 'r'.repeat(60) }), width, 4, true);
      for (const l of lines) {
        expect(Array.from(l.text).length).toBeLessThanOrEqual(width);
        // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
        expect(l.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }
    }
  });
});
