// `hew report`: Markdown totals and a row per task from batch result lines (or exec streams).
import { describe, expect, it } from 'vitest';
import { parseResults, readResults, renderReport, totalsOf } from '../../src/tasks/report.ts';

const usage = (i: number, o: number) => ({ input_tokens: i, cached_input_tokens: 0, output_tokens: o });
const lines = [
  { task: 'tasks/a.md', title: 'A', run_id: 'r-a', status: 'completed', exit_code: 0, check: { command: 'npm test', exit_code: 0, passed: true }, files_changed: [{ path: 'x.js', kind: 'update' }], total_usage: usage(1000, 200), total_cost_usd: 0.5, duration_ms: 12_000 },
  { task: 'tasks/b|c.md', title: 'B', run_id: 'r-b', status: 'failed', exit_code: 1, check: { command: 'npm test', exit_code: 1, passed: false }, files_changed: [], total_usage: usage(500, 50), total_cost_usd: 0.25, duration_ms: 3_000 },
  { task: 'tasks/c.md', title: 'C', run_id: 'r-c', status: 'interrupted', exit_code: 130, check: null, files_changed: [], total_usage: usage(10, 1), duration_ms: 1_000 },
  { task: 'tasks/d.md', title: 'D', run_id: null, status: 'not_started', exit_code: 130, check: null, files_changed: [], total_usage: usage(0, 0), duration_ms: 0 },
];

describe('report', () => {
  it('totals and a row per task', () => {
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    const entries = parseResults(text, 'results.jsonl');
    expect(entries.map((e) => e.task)).toEqual(['tasks/a.md', 'tasks/b|c.md', 'tasks/c.md', 'tasks/d.md']);
    const totals = totalsOf(entries);
    expect(totals).toMatchObject({ tasks: 4, passed: 1, failed: 1, interrupted: 2, input_tokens: 1510, output_tokens: 251, cost_usd: 0.75, cost_unknown: 1, duration_ms: 16_000 });

    const md = renderReport(entries);
    expect(md).toContain('**4 tasks**: 1 passed, 1 failed, 2 interrupted');
    expect(md).toContain('- tokens: 1,510 in / 251 out');
    expect(md).toContain('- cost: $0.75 (+ 1 run with unknown price)');
    expect(md).toContain('| ✅ | tasks/a.md | completed | 0 | passed: `npm test` | 1 | 12.0s | `r-a` |');
    expect(md).toContain('| ❌ | tasks/b\\|c.md | failed | 1 | failed (1): `npm test` | 0 | 3.0s | `r-b` |');
    expect(md).toContain('| tasks/d.md | not_started | 130 | – | 0 | 0.0s | – |');
  });

  it('skips blank, partial and foreign lines', () => {
    const good = JSON.stringify(lines[0]);
    const text = ['', good, '   ', JSON.stringify(lines[1]).slice(0, 40), 'not json', '[1,2]', '{"hello":1}', ''].join('\n');
    const entries = parseResults(text, 'r.jsonl');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.task).toBe('tasks/a.md');
    expect(renderReport([])).toContain('_No results found._');
  });

  it('reads exec --json streams: each thread.completed with its run id', () => {
    const stream = [
      { type: 'thread.started', run_id: 'run-1', seq: 1 },
      { type: 'turn.started', turn: 1, seq: 2 },
      { type: 'thread.completed', status: 'completed', exit_code: 0, final_message: 'ok', files_changed: [{ path: 'a', kind: 'add' }, { path: 'b', kind: 'update' }], total_usage: usage(7, 3), duration_ms: 2500, seq: 3 },
    ].map((e) => JSON.stringify(e)).join('\n');
    const [entry] = parseResults(stream, 'exec.jsonl');
    expect(entry).toMatchObject({ task: 'exec.jsonl', run_id: 'run-1', status: 'completed', exit_code: 0, files_changed: 2, check: null });
    expect(renderReport([entry!])).toContain('| ✅ | exec.jsonl | completed | 0 | – | 2 | 2.5s | `run-1` |');
  });
});

describe('readResults: which texts are results files', () => {
  const result = JSON.stringify(lines[0]);
  const started = JSON.stringify({ type: 'thread.started', run_id: 'run-1', seq: 1 });
  const cases: [string, string, number][] = [
    ['a result line', result, 1],
    ['a result line, then one cut off mid-line', `${result}\n${result.slice(0, 30)}`, 1],
    ['an exec stream cut off mid-run', `${started}\n{"type":"turn.star`, 1],
    ['empty', '', 0],
    ['words', 'hello\nworld\n', 0],
    ['JSON that is not hew\'s', '{"hello":1}\n[1,2]\n{"type":"item.completed"}', 0],
    ['a result line cut off mid-line alone', result.slice(0, 30), 0],
  ];
  it.each(cases)('%s', (_name, text, recognised) => {
    expect(readResults(text, 'f.jsonl').recognised).toBe(recognised);
  });
});
