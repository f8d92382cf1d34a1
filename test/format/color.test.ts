// The one colour decision (no-color.org: NO_COLOR present and not empty turns colour off), as a table.
import { describe, expect, it } from 'vitest';
import { colorEnabled, noColorRequested } from '../../src/format/color.ts';

describe('noColorRequested', () => {
  const table: Array<[string, NodeJS.ProcessEnv, boolean]> = [
    ['absent', {}, false],
    ['empty', { NO_COLOR: '' }, false],
    ['1', { NO_COLOR: '1' }, true],
    ['0 (any non-empty value counts)', { NO_COLOR: '0' }, true],
    ['a word', { NO_COLOR: 'yes' }, true],
  ];
  it.each(table)('NO_COLOR %s → %s', (_name, env, expected) => {
    expect(noColorRequested(env)).toBe(expected);
  });
});

describe('colorEnabled (the command line)', () => {
  const table: Array<[string, boolean | undefined, NodeJS.ProcessEnv, boolean]> = [
    ['a terminal', true, { TERM: 'xterm-256color' }, true],
    ['a terminal, NO_COLOR empty', true, { TERM: 'xterm-256color', NO_COLOR: '' }, true],
    ['a terminal, NO_COLOR=1', true, { TERM: 'xterm-256color', NO_COLOR: '1' }, false],
    ['a terminal, TERM=dumb', true, { TERM: 'dumb' }, false],
    ['a pipe', false, {}, false],
    ['a stream that does not say', undefined, {}, false],
  ];
  it.each(table)('%s → %s', (_name, isTTY, env, expected) => {
    expect(colorEnabled({ isTTY }, env)).toBe(expected);
  });
});
