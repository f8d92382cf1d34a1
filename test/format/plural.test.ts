// A count and its noun: one is singular, everything else takes an s.
import { describe, expect, it } from 'vitest';
import { plural } from '../../src/format/plural.ts';

describe('plural', () => {
  const table: Array<[number, string, string]> = [
    [0, 'file', '0 files'],
    [1, 'file', '1 file'],
    [2, 'file', '2 files'],
    [1, 'time', '1 time'],
    [12, 'run', '12 runs'],
  ];
  it.each(table)('%d %s → %s', (n, word, expected) => {
    expect(plural(n, word)).toBe(expected);
  });
});
