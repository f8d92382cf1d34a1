// batch's human output as tables: one line per finished task (status, check, files, time, cost, run,
// branch, error) and the summary table with its totals — with colour off, and hostile task names,
// branches and errors made safe.
import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../../src/model/usage.ts';
import { humanResultLine, summaryTable } from '../../src/cli/batch-output.ts';
import { makeStyle } from '../../src/cli/human-output.ts';
import { stripAnsi } from '../../src/format/ansi.ts';
import { notStartedLine } from '../../src/tasks/result-line.ts';
import type { BatchResultLine } from '../../src/protocol/run-result.ts';

const plain = makeStyle(false);
const change = { path: 'src/a.ts', kind: 'update' as const };

function line(over: Partial<BatchResultLine>): BatchResultLine {
  return {
    task: 'tasks/a.md',
    title: 'A',
    run_id: '20260101-000000-abcd',
    status: 'completed',
    exit_code: 0,
    check: null,
    files_changed: [change, change],
    total_usage: emptyUsage(),
    total_cost_usd: 0.0123,
    duration_ms: 12_345,
    ...over,
  };
}

describe('humanResultLine', () => {
  it.each([
    ['a task that passed', line({}), '✓ tasks/a.md  completed · 2 files · 12.3s · $0.0123 · run 20260101-000000-abcd'],
    ['with its check passed and a branch', line({ check: { command: 'npm test', exit_code: 0, passed: true }, branch: 'hew/a' }), '✓ tasks/a.md  completed · check passed · 2 files · 12.3s · $0.0123 · run 20260101-000000-abcd · branch hew/a'],
    ['one file, price unknown', line({ files_changed: [change], total_cost_usd: undefined }), '✓ tasks/a.md  completed · 1 file · 12.3s · cost unknown · run 20260101-000000-abcd'],
    ['completed, but its check failed', line({ exit_code: 1, check: { command: 'npm test', exit_code: 3, passed: false } }), '✗ tasks/a.md  failed (exit 1) · check failed (3) · 2 files · 12.3s · $0.0123 · run 20260101-000000-abcd'],
    ['a run over budget', line({ status: 'budget_exceeded', exit_code: 1 }), '✗ tasks/a.md  budget exceeded (exit 1) · 2 files · 12.3s · $0.0123 · run 20260101-000000-abcd'],
    ['a run that failed, with why', line({ status: 'failed', exit_code: 1, error: 'the model said no' }), '✗ tasks/a.md  failed (exit 1) · 2 files · 12.3s · $0.0123 · run 20260101-000000-abcd\n    the model said no'],
    ['interrupted', line({ status: 'interrupted', exit_code: 130 }), '■ tasks/a.md  interrupted (exit 130) · 2 files · 12.3s · $0.0123 · run 20260101-000000-abcd'],
    ['never started: no run, no cost', notStartedLine('tasks/b.md', 'B'), '■ tasks/b.md  not started (exit 130) · 0 files · 0.0s'],
    ['no run was made', line({ run_id: null, status: 'failed', exit_code: 1, files_changed: [], error: 'no working copy' }), '✗ tasks/a.md  failed (exit 1) · 0 files · 12.3s\n    no working copy'],
    [
      'hostile task name, branch and error made safe',
      line({ task: 'tasks/\u001b[2Jx.md', branch: 'hew/\u001b]52;c;aGk=\u0007', status: 'failed', exit_code: 1, error: 'bad \u001b[31mred' }),
      '✗ tasks/␛[2Jx.md  failed (exit 1) · 2 files · 12.3s · $0.0123 · run 20260101-000000-abcd · branch hew/␛]52;c;aGk=␇\n    bad ␛[31mred',
    ],
  ])('%s', (_name, result, shown) => {
    expect(humanResultLine(result, plain)).toBe(shown);
  });

  it('colours the mark and a failure only when colour is on', () => {
    const coloured = humanResultLine(line({ status: 'failed', exit_code: 1 }), makeStyle(true));
    expect(coloured).toContain('\u001b[');
    expect(stripAnsi(coloured)).toBe(humanResultLine(line({ status: 'failed', exit_code: 1 }), plain));
  });
});

describe('summaryTable', () => {
  it('lines up a row per task under the header, then the totals', () => {
    const table = summaryTable(
      [
        line({ task: 'tasks/a.md', check: { command: 't', exit_code: 0, passed: true } }),
        line({ task: 'tasks/longer-name.md', status: 'failed', exit_code: 1, files_changed: [], duration_ms: 1_000 }),
        notStartedLine('tasks/c.md', 'C'),
      ],
      plain,
    );
    expect(table).toBe(
      [
        'task                  status       exit  check   files  duration',
        'tasks/a.md            completed    0     passed  2      12.3s',
        'tasks/longer-name.md  failed       1     -       0      1.0s',
        'tasks/c.md            not started  130   -       0      0.0s',
        '',
        '3 tasks · 1 passed · 1 failed · 1 interrupted',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['one task that passed', [line({})], '1 task · 1 passed · 0 failed'],
    ['completed with a failed check counts as failed', [line({ exit_code: 1 }), line({})], '2 tasks · 1 passed · 1 failed'],
    ['interrupted and not started count together', [line({ status: 'interrupted', exit_code: 130 }), notStartedLine('t', 't')], '2 tasks · 0 passed · 0 failed · 2 interrupted'],
    ['no tasks', [], '0 tasks · 0 passed · 0 failed'],
  ])('totals: %s', (_name, lines, totals) => {
    const rows = summaryTable(lines, plain).split('\n');
    expect(rows.at(-2)).toBe(totals);
  });

  it('makes a hostile task name safe in its row', () => {
    const table = summaryTable([line({ task: 'x\u001b[2J\ny.md' })], plain);
    expect(table).not.toContain('\u001b');
    expect(table.split('\n')[1]).toMatch(/^x␛\[2J/);
  });
});
