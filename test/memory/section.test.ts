// The section hew owns in an instructions file, as tables: where it is, what an append makes of a
// file (with and without the heading, the section in the middle, CRLF, no final newline), how an
// entry is normalised and keyed, what counts as already said, and the cut when read.
import { describe, expect, it } from 'vitest';
import { appendEntry, capSection, entryKey, findDuplicate, findSection, normaliseEntry } from '../../src/memory/section.ts';

const H = '## Remembered by hew';

describe('appendEntry', () => {
  const rows: [string, string, string][] = [
    ['an empty file', '', `${H}\n\n- fact\n`],
    ['a file without the heading', '# Project\n\nUse tabs.\n', `# Project\n\nUse tabs.\n\n${H}\n\n- fact\n`],
    ['a file without a final newline', '# Project', `# Project\n\n${H}\n\n- fact\n`],
    ['a file ending in a blank line', '# Project\n\n', `# Project\n\n${H}\n\n- fact\n`],
    ['the section at the end', `# P\n\n${H}\n\n- one\n`, `# P\n\n${H}\n\n- one\n- fact\n`],
    ['the section at the end, no final newline', `${H}\n\n- one`, `${H}\n\n- one\n- fact\n`],
    ['the section in the middle', `# P\n\n${H}\n\n- one\n\n## Build\n\nmake\n`, `# P\n\n${H}\n\n- one\n- fact\n\n## Build\n\nmake\n`],
    ['a user line inside the section is kept', `${H}\n\n- one\nsee also docs/\n`, `${H}\n\n- one\nsee also docs/\n- fact\n`],
    ['a CRLF file stays CRLF', `# P\r\n\r\n${H}\r\n\r\n- one\r\n`, `# P\r\n\r\n${H}\r\n\r\n- one\r\n- fact\r\n`],
    ['a ### heading does not end the section', `${H}\n\n- one\n### detail\n`, `${H}\n\n- one\n### detail\n- fact\n`],
  ];
  it.each(rows)('%s', (_, before, after) => {
    expect(appendEntry(before, 'fact')).toBe(after);
  });
});

describe('findSection', () => {
  it('counts the entries and the bytes from the heading to the last non-blank line', () => {
    const s = findSection(`# P\n\n${H}\n\n- one\n* two\n-not an entry\n\n# Next\n`);
    expect(s?.entries).toEqual([{ text: 'one', line: 5 }, { text: 'two', line: 6 }]);
    expect(s?.bytes).toBe(Buffer.byteLength(`${H}\n\n- one\n* two\n-not an entry\n`));
  });
  it('is null without the exact heading line', () => {
    expect(findSection('## remembered by hew\n- x\n')).toBeNull();
    expect(findSection('text ## Remembered by hew\n')).toBeNull();
  });
});

describe('normaliseEntry and entryKey', () => {
  const rows: [string, string][] = [
    ['  run tests  ', 'run tests'],
    ['- run tests', 'run tests'],
    ['* - run\n  tests', 'run tests'],
    ['line one\r\nline two', 'line one line two'],
    ['-', ''],
    // One line in every reader: NEL, escapes, NUL and bidi overrides are not text to keep.
    ['run\u0085## Build\u2028tests\u001b[2J\u0000 now\u202e.', 'run ## Build tests [2J now.'],
    // Invisible text the model reads but a reviewer does not see (tag characters, zero-width space) is dropped; ZWJ stays (emoji).
    ['npm\u200b test\u{E0049}\u{E0067}\u{E006E} 👩\u200d💻', 'npm test 👩\u200d💻'],
  ];
  it.each(rows)('normalises %j', (input, out) => expect(normaliseEntry(input)).toBe(out));
  it('keys ignore case, width, spacing and a trailing period or semicolon', () => {
    expect(entryKey('Run  Tests.')).toBe(entryKey('run tests'));
    expect(entryKey('ｎｐｍ test;')).toBe('npm test');
    expect(entryKey('npm test')).not.toBe(entryKey('npm tests'));
  });
});

describe('findDuplicate', () => {
  const file = `# Notes\n\nRun the tests with\nnode test/date.test.js before pushing.\n\n${H}\n\n- Use pnpm, not npm.\n`;
  const rows: [string, ReturnType<typeof findDuplicate>][] = [
    ['use PNPM, not npm', { kind: 'entry', line: 8, text: 'Use pnpm, not npm.' }],
    ['run the tests with node test/date.test.js', { kind: 'text', line: 3 }],
    ['node test/date.test.js before pushing', { kind: 'text', line: 4 }],
    ['the docs live in docs/', null],
    ['use pnpm', { kind: 'text', line: 8 }],
    ['the test', null],
    ['test', { kind: 'text', line: 4 }], // not "tests" on line 3: whole words only
    ['pnpm, not', { kind: 'text', line: 8 }],
    ['pnp', null],
  ];
  it.each(rows)('%j', (entry, dup) => expect(findDuplicate(file, entry)).toEqual(dup));
});

describe('capSection', () => {
  it('keeps the first whole entries that fit and says how many were left out', () => {
    const content = `# Mine\n\n${H}\n\n- aaaa\n- bbbb\n- cccc\n\n## After\nkept\n`;
    const cut = capSection(content, Buffer.byteLength(`${H}\n\n- aaaa\n`));
    expect(cut.omitted).toBe(2);
    expect(cut.text).toBe(`# Mine\n\n${H}\n\n- aaaa\n[hew: 2 more remembered entries not shown: this section is capped at ${Buffer.byteLength(`${H}\n\n- aaaa\n`)} bytes]\n\n## After\nkept\n`);
  });
  it('leaves a section that fits, or a file without one, alone', () => {
    expect(capSection(`${H}\n\n- a\n`, 100)).toEqual({ text: `${H}\n\n- a\n`, omitted: 0 });
    expect(capSection('no section', 1)).toEqual({ text: 'no section', omitted: 0 });
  });
});
