// The exec front's human progress lines: a completed patch names each file with its +/- counts.
import { describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/agent/events.ts';
import { humanPrinter, makeStyle } from '../../src/cli/human-output.ts';

describe('humanPrinter: file_change', () => {
  const cases = [
    { name: 'with counts', changes: [{ path: 'src/a.js', kind: 'update', lines_added: 3, lines_removed: 1, diff: '@@ -1 +1 @@\n' }], line: '✎ update src/a.js +3 -1' },
    { name: 'without counts (an older run)', changes: [{ path: 'b.txt', kind: 'add' }], line: '✎ add b.txt' },
  ];
  it.each(cases)('$name', ({ changes, line }) => {
    const out: string[] = [];
    const print = humanPrinter((l) => out.push(l), makeStyle(false));
    print({ type: 'item.completed', seq: 1, ts: '', item: { id: 'f', type: 'file_change', status: 'completed', changes } } as unknown as StampedEvent);
    expect(out).toEqual([`${line}\n`]);
  });
});
