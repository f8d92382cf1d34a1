import { describe, expect, it } from 'vitest';
import { capOutput, DEFAULT_CAP_BYTES } from '../../src/sandbox/output-cap.ts';

const numbered = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('capOutput', () => {
  it('leaves short output untouched', () => {
    expect(capOutput('')).toBe('');
    expect(capOutput('hello\nworld\n')).toBe('hello\nworld\n');
    const text = numbered(256);
    expect(capOutput(text)).toBe(text);
  });

  it('keeps head and tail lines and notes what was elided', () => {
    const text = numbered(1000);
    const capped = capOutput(text);
    const lines = capped.split('\n');
    expect(lines[0]).toBe('line 1');
    expect(lines).toContain('line 128');
    expect(lines).not.toContain('line 129');
    expect(lines).not.toContain('line 872');
    expect(lines).toContain('line 873');
    expect(capped.endsWith('line 1000\n')).toBe(true);
    expect(capped).toMatch(/\[… \d+ bytes \(744 lines\) elided; the full output is in the run log …\]\n/);
  });

  it('caps by bytes, cutting at line boundaries', () => {
    const text = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(3, '0')} ${'x'.repeat(195)}`).join('\n') + '\n';
    const capped = capOutput(text);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(DEFAULT_CAP_BYTES + 200);
    const [head, tail] = capped.split(/\[… .* elided; the full output is in the run log …\]\n/);
    expect(head?.endsWith('\n')).toBe(true);
    expect(head?.startsWith('000 ')).toBe(true);
    expect(tail?.startsWith('0')).toBe(true);
    expect(tail?.endsWith('099 ' + 'x'.repeat(195) + '\n')).toBe(true);
    // Every kept line is a whole line of the input.
    for (const line of `${head}${tail}`.split('\n').filter(Boolean)) expect(line.length).toBe(199);
  });

  it('honours headLines and tailLines', () => {
    expect(capOutput('a\nb\nc\nd\ne\n', { headLines: 1, tailLines: 1 })).toBe(
      'a\n[… 6 bytes (3 lines) elided; the full output is in the run log …]\ne\n',
    );
  });

  it('never splits a multi-byte character or surrogate pair', () => {
    for (const unit of ['é', '中', '😀']) {
      const text = unit.repeat(5000);
      const capped = capOutput(text, { maxBytes: 1001 });
      expect(capped).not.toContain('\ufffd');
      expect(Buffer.from(capped, 'utf8').toString('utf8')).toBe(capped);
      expect(capped).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      expect(capped.startsWith(unit)).toBe(true);
      expect(capped.endsWith(unit)).toBe(true);
      expect(capped).toContain('elided');
    }
  });
});

// The stripper itself: test/format/ansi.test.ts.
