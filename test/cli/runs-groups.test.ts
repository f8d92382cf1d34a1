// `hew runs`: best-of-N attempts gathered under one group line, the chosen one marked.
import { describe, expect, it } from 'vitest';
import { formatRunsTable, groupAttempts, type RunListing } from '../../src/cli/runs.ts';

function listing(id: string, extra: Partial<RunListing> = {}): RunListing {
  return {
    id, status: 'completed', repo: '/r', working_copy: '/w', kind: 'git', base_commit: null, base_snapshot: 's', subdir: '',
    title: 'fix it', model: 'm', provider: 'p', started_at: '2026-12-07T09:00:00Z', ended_at: null, files_changed: [], exit_code: 0,
    work_exists: true, ...extra,
  } as RunListing;
}

const group = (index: number, extra: Partial<RunListing> = {}): Partial<RunListing> => ({ attempt: { group: 'g1', index, of: 3 }, ...extra });

describe('hew runs groups attempts', () => {
  const runs = [
    listing('newer'),
    listing('a3', group(3, { status: 'failed', total_cost_usd: 0.01 })),
    listing('a1', group(1, { total_cost_usd: 0.02 })),
    listing('a2', group(2, { chosen: true, total_cost_usd: 0.03, files_changed: [{ path: 'x', kind: 'add' }] })),
    listing('older'),
  ];

  it('puts the group where its newest attempt stands, its attempts below by index', () => {
    expect(groupAttempts(runs).map((r) => (r.group ? `group:${r.run.id}` : r.run.id))).toEqual(['newer', 'group:a2', 'a1', 'a2', 'a3', 'older']);
  });

  it('prints a group line and the attempts indented, the chosen one marked', () => {
    const table = formatRunsTable(runs, { width: 120, now: new Date('2026-12-08T00:00:00Z') });
    const lines = table.split('\n');
    expect(lines[2]).toMatch(/^best of 3 +completed .* 1 +\$0\.06 +fix it$/);
    expect(lines[3]).toMatch(/^ {4}a1 /);
    expect(lines[4]).toMatch(/^ {2}\* a2 /);
    expect(lines[5]).toMatch(/^ {4}a3 +failed/);
    expect(lines[6]).toMatch(/^older /);
  });

  it('leaves a list without attempts as it was', () => {
    expect(groupAttempts([listing('x'), listing('y')]).map((r) => [r.run.id, r.group])).toEqual([['x', undefined], ['y', undefined]]);
  });

  it('takes a damaged `attempt` in meta.json (a file anyone may edit) for no attempt: nothing of it reaches the terminal', () => {
    const damaged = [
      listing('esc', { attempt: { group: 'g2', index: 1, of: '\u001b]52;c;aGk=\u0007' } } as unknown as Partial<RunListing>),
      listing('nogroup', { attempt: { index: 1, of: 2 } } as unknown as Partial<RunListing>),
      listing('numgroup', { attempt: { group: 7, index: 1, of: 2 } } as unknown as Partial<RunListing>),
      listing('str', { attempt: 'g1' } as unknown as Partial<RunListing>),
    ];
    expect(groupAttempts(damaged).map((r) => [r.run.id, r.group])).toEqual(damaged.map((r) => [r.id, undefined]));
    const table = formatRunsTable(damaged, { width: 120, now: new Date('2026-12-08T00:00:00Z') });
    expect(table).not.toContain('\u001b');
    expect(table).not.toContain('best of');
  });
});
