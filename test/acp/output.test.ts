import { describe, expect, it } from 'vitest';
import { fenced, OUTPUT_TAIL_CHARS, outputTail, shownOutput } from '../../src/acp/output.ts';
import { titleLine, repoPath } from '../../src/acp/text.ts';

describe('shownOutput', () => {
  const rows: { what: string; raw: string; running: boolean; want: string }[] = [
    { what: 'plain text', raw: 'ok\n', running: false, want: 'ok\n' },
    { what: 'colours stripped whole', raw: '\u001b[31mFAIL\u001b[0m a.test.ts', running: false, want: 'FAIL a.test.ts' },
    { what: 'an OSC 52 clipboard write removed', raw: 'x\u001b]52;c;aGk=\u0007y', running: false, want: 'xy' },
    { what: 'a progress bar keeps its last state', raw: '10%\r50%\r100%\ndone\r\n', running: false, want: '100%\ndone\n' },
    { what: 'an unfinished escape at the end of running output is held back', raw: 'ok \u001b]8;;http', running: true, want: 'ok ' },
    { what: 'a lone control is made visible', raw: 'a\u0007b\u009b', running: false, want: 'a␇b⟨U+009B⟩' },
  ];
  it.each(rows)('$what', ({ raw, running, want }) => {
    expect(shownOutput(raw, running)).toBe(want);
  });

  it('keeps the last 64 Ki characters from a line start and says how much came before', () => {
    const line = `${'y'.repeat(99)}\n`;
    const raw = line.repeat(2000) + 'END';
    const out = outputTail(raw);
    expect(out.length).toBeLessThanOrEqual(OUTPUT_TAIL_CHARS + 60);
    expect(out).toMatch(/^… \(\d+ earlier characters left out\)\ny{99}\n/);
    expect(out.endsWith('END')).toBe(true);
    expect(outputTail('short')).toBe('short');
  });
});

describe('fenced', () => {
  const rows: { text: string; want: string }[] = [
    { text: 'a', want: '```\na\n```' },
    { text: 'a\n', want: '```\na\n```' },
    { text: 'x ``` y', want: '````\nx ``` y\n````' },
    { text: '`````', want: '``````\n`````\n``````' },
  ];
  it.each(rows)('$text', ({ text, want }) => {
    expect(fenced(text)).toBe(want);
  });
});

describe('titleLine', () => {
  const rows: { text: string; want: string }[] = [
    { text: 'npm test', want: 'npm test' },
    { text: '\n\n  npm test  \n', want: 'npm test' },
    { text: 'cd a\nnpm test', want: 'cd a …' },
    { text: 'x'.repeat(100), want: `${'x'.repeat(79)}…` },
    { text: `${'x'.repeat(79)}\nmore`, want: `${'x'.repeat(79)}…` },
    { text: 'echo \u001b[2J\u0007', want: 'echo ␛[2J␇' },
    { text: 'a\u202eb', want: 'a⟨U+202E⟩b' },
    { text: '', want: '' },
  ];
  it.each(rows)('$text', ({ text, want }) => {
    const title = titleLine(text);
    expect(title).toBe(want);
    expect(Array.from(title).length).toBeLessThanOrEqual(80);
  });
});

describe('repoPath', () => {
  const rows: { shown: string; want: string | null }[] = [
    { shown: 'src/a.ts', want: '/r/src/a.ts' },
    { shown: './src/a.ts', want: '/r/src/a.ts' },
    { shown: 'café.txt', want: '/r/café.txt' },
    { shown: '"a\\tb"', want: '/r/a\tb' },
    { shown: '"caf\\351"', want: null },
    { shown: '../x', want: null },
    { shown: '/etc/passwd', want: null },
    { shown: '/r/src/in.ts', want: '/r/src/in.ts' },
    { shown: '"unterminated', want: null },
    { shown: '', want: null },
  ];
  it.each(rows)('$shown → $want', ({ shown, want }) => {
    expect(repoPath('/r', shown)).toBe(want);
  });
});
