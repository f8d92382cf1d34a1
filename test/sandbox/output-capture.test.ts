import { describe, expect, it } from 'vitest';
import { OutputCapture } from '../../src/sandbox/output-capture.ts';
import { capCommandOutput } from '../../src/sandbox/output-cap.ts';

function capture(keep: number, chunks: string[]): ReturnType<OutputCapture['result']> {
  const c = new OutputCapture(keep);
  for (const chunk of chunks) c.push(chunk);
  return c.result();
}

describe('OutputCapture', () => {
  // [name, keep, chunks, expected output, expected cut (bytes, lines) or null]
  const table: [string, number, string[], string, [number, number] | null][] = [
    ['empty', 4, [], '', null],
    ['fits exactly', 4, ['ab', 'cd', 'ef', 'gh'], 'abcdefgh', null],
    ['one char over', 4, ['abcd', 'efghi'], 'abcd\n[hew: 1 bytes (0 lines) of output cut here; only the first and last 4 characters are kept]\nfghi', [1, 0]],
    ['lines are counted', 2, ['a\n', 'x\ny\nz\n', 'b\n'], 'a\n[hew: 6 bytes (3 lines) of output cut here; only the first and last 2 characters are kept]\nb\n', [6, 3]],
    ['bytes are UTF-8 bytes', 1, ['a', 'ééé', 'z'], 'a\n[hew: 6 bytes (0 lines) of output cut here; only the first and last 1 characters are kept]\nz', [6, 0]],
    ['a pair at the head edge stays whole', 3, ['ab😀cd', 'efgh'], 'ab\n[hew: 7 bytes (0 lines) of output cut here; only the first and last 3 characters are kept]\nfgh', [7, 0]],
  ];
  it.each(table)('%s', (_name, keep, chunks, output, cut) => {
    const r = capture(keep, chunks);
    expect(r.output).toBe(output);
    if (cut === null) {
      expect(r.cut).toBeUndefined();
    } else {
      expect([r.cut?.bytes, r.cut?.lines]).toEqual(cut);
      expect(r.output.slice(r.cut?.headEnd, r.cut?.tailStart)).toMatch(/^\n?\[hew: .*\]\n$/);
    }
  });

  it('holds a bounded amount whatever is pushed', () => {
    const c = new OutputCapture(1024);
    const chunk = 'y\n'.repeat(32 * 1024);
    for (let i = 0; i < 2000; i++) c.push(chunk); // 128 MiB in total
    const r = c.result();
    expect(r.output.length).toBeLessThan(3 * 1024);
    expect(r.cut?.bytes).toBe(2000 * chunk.length - 2048);
    expect(r.cut?.lines).toBe(2000 * 32 * 1024 - 1024);
  });

  it('never leaves half a surrogate pair at the tail edge', () => {
    const r = capture(3, ['abcdefgh', '😀😀']);
    expect(r.output).not.toMatch(/(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(r.output).toMatch(/\]\n😀$/);
  });
});

describe('capCommandOutput', () => {
  it('counts what the runner dropped in its note, and strips ANSI from head and tail', () => {
    const head = `\u001b[31mHEAD\u001b[0m\n${'h'.repeat(100)}\n`;
    const r = capture(200, [head, 'm'.repeat(100_000), `${'t'.repeat(100)}\nTAIL\n`]);
    const shown = capCommandOutput(r, { maxBytes: 100 });
    expect(shown.startsWith('HEAD\n')).toBe(true);
    expect(shown.endsWith('TAIL\n')).toBe(true);
    expect(shown).not.toContain('\u001b');
    expect(shown).not.toContain('[hew:');
    const elided = /\[… (\d+) bytes \(1 line\) elided; the run log keeps more of it …\]/.exec(shown);
    expect(elided).not.toBeNull();
    // What is shown plus what the note counts is the whole output (its ANSI codes stripped).
    const whole = 'HEAD\n'.length + 101 + 100_000 + 101 + 'TAIL\n'.length;
    const shownBytes = Buffer.byteLength(shown.replace(/\n\[… [^\]]*\]\n/, ''));
    expect(Number(elided?.[1]) + shownBytes).toBe(whole);
  });

  it('is capOutput of the stripped text when nothing was dropped', () => {
    expect(capCommandOutput({ output: '\u001b[1mbold\u001b[0m\n' })).toBe('bold\n');
  });
});
