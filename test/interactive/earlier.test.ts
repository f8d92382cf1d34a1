// The earlier transcript a resumed session shows, as a table of records → lines; and the next-step
// lines a TUI session leaves with.
import { describe, expect, it } from 'vitest';
import { SUMMARY_MARKER } from '../../src/agent/compaction.ts';
import { earlierLines } from '../../src/interactive/earlier.ts';
import { nextStepLines } from '../../src/runs/next-steps.ts';
import { safeAction } from '../../src/ui/state/safe-action.ts';

const user = (content: string) => ({ type: 'hew.items', items: [{ type: 'message', role: 'user', content }], step: 0 });
const done = (item: Record<string, unknown>) => ({ type: 'item.completed', item: { id: 'i', status: 'completed', ...item } });

describe('earlierLines', () => {
  const cases: { name: string; records: Array<{ type: string; [key: string]: unknown }>; lines: string[] }[] = [
    { name: 'a prompt', records: [user('fix the parser')], lines: ['› fix the parser'] },
    { name: 'a prompt with piped input', records: [user('fix this\n\n<stdin>\nerror: boom\n</stdin>')], lines: ['› fix this', '  (with piped input)'] },
    { name: "compaction's summary is not a prompt", records: [user(`${SUMMARY_MARKER}\nall of it`)], lines: [] },
    { name: 'developer messages are not shown', records: [{ type: 'hew.items', items: [{ type: 'message', role: 'developer', content: 'context' }] }], lines: [] },
    { name: 'an answer: its first lines', records: [done({ type: 'agent_message', text: 'one\n\ntwo\nthree\nfour\nfive' })], lines: ['● one', '  two', '  three', '  … 2 more lines'] },
    { name: 'a failed (retried) answer is left out', records: [done({ type: 'agent_message', text: 'partial', status: 'failed' })], lines: [] },
    { name: 'a command', records: [done({ type: 'command_execution', command: 'npm test', cwd: '/w', exit_code: 1, aggregated_output: '', duration_ms: 5, status: 'failed' })], lines: ['$ npm test · exit 1'] },
    { name: 'a declined command', records: [done({ type: 'command_execution', command: 'rm -rf x', cwd: '/w', exit_code: null, aggregated_output: '', duration_ms: null, status: 'declined' })], lines: ['$ rm -rf x · declined'] },
    { name: 'a tool shown as a command', records: [done({ type: 'command_execution', command: 'read_file src/a.js', tool: 'read_file', cwd: '/w', exit_code: null, aggregated_output: '', duration_ms: null })], lines: ['read_file src/a.js · completed'] },
    { name: 'an edit', records: [done({ type: 'file_change', changes: [{ path: 'src/a.js', kind: 'update', lines_added: 3, lines_removed: 1 }, { path: 'b.js', kind: 'move', move_path: 'c.js' }] })], lines: ['✎ M src/a.js +3 -1', '✎ R b.js → c.js'] },
    { name: 'an interrupted turn', records: [{ type: 'turn.failed', turn: 2, error: { message: 'interrupted' } }], lines: ['✗ turn 2 interrupted'] },
    { name: 'a compaction and a rewind', records: [{ type: 'hew.replaced', items: [] }, { type: 'hew.rewound', step: 1, commit: 'c', items: 3 }], lines: ['(the conversation was compacted here: the model sees a summary of what came before)', '↺ rewound to step 1'] },
    { name: 'other events and malformed records', records: [{ type: 'thread.started' }, { type: 'item.completed' }, { type: 'hew.items', items: 'x' }], lines: [] },
  ];
  it.each(cases)('$name', ({ records, lines }) => {
    expect(earlierLines(records)).toEqual(lines);
  });

  it("an earlier run's hostile text reaches the screen inert: its notice passes the TUI's one gate", () => {
    const evil = 'done\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u009b31m';
    const lines = earlierLines([
      user(evil),
      done({ type: 'agent_message', text: evil }),
      done({ type: 'command_execution', command: `echo ${evil}`, cwd: '/w', exit_code: 0, aggregated_output: '', duration_ms: 5 }),
      done({ type: 'file_change', changes: [{ path: `src/${evil}.js`, kind: 'add' }] }),
    ]);
    expect(lines.join('\n')).toContain('\u001b'); // the lines keep the text as it was; the gate makes it safe
    const shown = JSON.stringify(safeAction({ type: 'notice.info', title: 'Earlier in this run', lines }));
    expect(shown).not.toMatch(/\\u001b|\\u0007|\\u009b/);
    // eslint-disable-next-line no-control-regex -- the point is to find raw escapes
    expect(shown).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(shown).toContain('done');
  });

  it('keeps the latest entries and says how many are left out', () => {
    const records = Array.from({ length: 5 }, (_, i) => user(`prompt ${i}`));
    expect(earlierLines(records, 2)).toEqual(['… 3 earlier entries (the whole run is in its events.jsonl)', '› prompt 3', '› prompt 4']);
  });
});

describe('nextStepLines for a TUI session', () => {
  it.each([
    { changed: 0, options: { resume: true }, text: 'run R · no files changed\n  resume:  hew resume R\n' },
    { changed: 1, options: { resume: true }, text: 'run R · 1 file changed in its working copy, not yet in your tree\n  review:  hew diff R\n  apply:   hew apply R\n  resume:  hew resume R\n' },
    { changed: 2, options: { resume: true, applied: true }, text: 'run R · 2 files changed, applied to your tree\n  resume:  hew resume R\n' },
    { changed: 1, options: {}, text: 'run R · 1 file changed in its working copy, not yet in your tree\n  review:  hew diff R\n  apply:   hew apply R\n' },
  ])('$changed changed, $options', ({ changed, options, text }) => {
    expect(nextStepLines('R', changed, options)).toBe(text);
  });
});
