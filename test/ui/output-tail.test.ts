import { describe, expect, it } from 'vitest';
import { appendOutput, MAX_LINE_CHARS, tailOf } from '../../src/ui/state/tail.ts';

describe('the live tail of a command line', () => {
  it('stays bounded when a command prints one endless line', () => {
    let tail = tailOf('');
    const chunk = 'a'.repeat(64 * 1024);
    for (let i = 0; i < 200; i++) tail = appendOutput(tail, chunk); // 12.5 MiB, no newline
    expect(tail.partial.length).toBe(MAX_LINE_CHARS);
    tail = appendOutput(tail, 'END\nnext');
    expect(tail.tail.at(-1)?.length).toBe(MAX_LINE_CHARS);
    expect(tail.tail.at(-1)?.endsWith('aEND')).toBe(true);
    expect(tail.partial).toBe('next');
  });
});
