// /help (and /status) at a narrow terminal: a `TERM  TEXT` line wraps under its text's column, so no
// continuation row starts at the notice's edge, and no row is wider than the terminal.
import type { Instance } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { helpLines } from '../../src/interactive/slash.ts';
import { NoticeView } from '../../src/ui/components/notice-view.tsx';
import { termOf } from '../../src/ui/components/term-line.tsx';
import { plain, renderAt, waitFor, widestLine } from './frames.ts';

const mounted: Instance[] = [];
afterEach(() => {
  for (const i of mounted.splice(0)) i.unmount();
});

describe('termOf', () => {
  const cases: [string, { term: string; text: string } | null][] = [
    ['/diff [PATH]      show the changes', { term: '/diff [PATH]      ', text: 'show the changes' }],
    ['/model NAME  use another model', { term: '/model NAME  ', text: 'use another model' }],
    ['run          r-123 (working copy discarded)', { term: 'run          ', text: 'r-123 (working copy discarded)' }],
    ['one space only here', null],
    ['  indented  text', null],
    ['', null],
    ['trailing spaces only   ', null],
    [`${'x'.repeat(30)}  too wide a term`, null],
  ];
  it.each(cases)('%j', (line, want) => {
    expect(termOf(line)).toEqual(want);
  });
});

describe('/help laid out within the terminal', () => {
  it.each([80, 60, 40])('at %i columns every wrapped row is indented under the description column', async (columns) => {
    const r = renderAt(<NoticeView notice={{ type: 'notice.info', title: 'Commands', lines: helpLines() }} />, columns);
    mounted.push(r.instance);
    await waitFor(() => expect(plain(r.lastFrame())).toContain('/quit'));
    const rows = plain(r.lastFrame()).split('\n');
    expect(widestLine(r.lastFrame())).toBeLessThanOrEqual(columns);
    const column = rows.find((l) => l.startsWith('  /diff'))?.search(/show/) ?? -1;
    expect(column).toBeGreaterThan(2);
    const blank = rows.findIndex((l) => l.trim() === '');
    expect(blank).toBeGreaterThan(0);
    // After the blank row, the footer: prose, wrapped at the notice's indent (never column 0).
    for (const row of rows.slice(blank + 1)) expect(row.startsWith('  ') && row[2] !== ' ', `row ${JSON.stringify(row)}`).toBe(true);
    let continuations = 0;
    for (const row of rows.slice(1, blank)) {
      if (row.startsWith('  /')) continue;
      // Not a command row: a wrapped description, starting at its column.
      continuations += 1;
      expect(row.slice(0, column).trim(), `row ${JSON.stringify(row)}`).toBe('');
      expect(row[column], `row ${JSON.stringify(row)}`).not.toBe(' ');
    }
    if (columns <= 60) expect(continuations).toBeGreaterThan(0);
  });
});
