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

describe('escape sequences in the live tail', () => {
  const ESC = '\u001b';
  const line = `${ESC}[31mFAIL${ESC}(B${ESC}[m ${ESC}]8;;http://x/${ESC}\\test${ESC}]8;;${ESC}\\ \u009b1mbold\u009b0m`;

  it('are stripped whole, wherever the chunks are cut (no 31m, no (B left)', () => {
    for (let cut = 0; cut <= line.length; cut++) {
      let tail = tailOf('');
      tail = appendOutput(tail, line.slice(0, cut));
      expect(tail.partial).not.toMatch(/31m|\(B|1m|8;;/);
      tail = appendOutput(tail, `${line.slice(cut)}\n`);
      expect(tail.tail, `cut at ${cut}`).toEqual(['FAIL test bold']);
      expect(tail.partial).toBe('');
    }
  });

  it('a finished command’s output is stripped the same way', () => {
    expect(tailOf(`${line}\nnext\n`).tail).toEqual(['FAIL test bold', 'next']);
  });
});
