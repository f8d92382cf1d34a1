import { describe, expect, it } from 'vitest';
import { discardVerdict, hasUnappliedChanges, pruneVerdict, runAgeMs, type CleanupFacts } from '../../src/runs/cleanup.ts';

const NOW = Date.parse('2026-03-20T12:00:00Z');
const DAY = 86_400_000;
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const run = (over: Partial<CleanupFacts> = {}): CleanupFacts => ({ status: 'completed', started_at: ago(10 * DAY + 60_000), ended_at: ago(10 * DAY), files_changed: [], ...over });
const change = [{ path: 'a.txt', kind: 'update' as const }];

describe('pruneVerdict (older than 7 days)', () => {
  it.each<[string, CleanupFacts, string]>([
    ['ended 10 days ago', run(), 'take'],
    ['ended 6 days ago', run({ ended_at: ago(6 * DAY) }), 'recent'],
    ['exactly 7 days ago is not older', run({ ended_at: ago(7 * DAY) }), 'recent'],
    ['failed long ago', run({ status: 'failed' }), 'take'],
    ['interrupted (no end recorded): aged from its start', run({ status: 'interrupted', ended_at: null }), 'take'],
    ['interrupted recently', run({ status: 'interrupted', started_at: ago(DAY), ended_at: null }), 'recent'],
    ['running, however old', run({ status: 'running', ended_at: null }), 'running'],
    ['unparsable time: as old as can be', run({ ended_at: 'garbage' }), 'take'],
  ])('%s', (_name, facts, verdict) => {
    expect(pruneVerdict(facts, NOW, 7 * DAY)).toBe(verdict);
  });
  it('0h takes every finished run', () => {
    expect(pruneVerdict(run({ ended_at: ago(1) }), NOW, 0)).toBe('take');
    expect(runAgeMs(run({ ended_at: ago(5) }), NOW)).toBe(5);
  });
});

describe('discardVerdict and hasUnappliedChanges', () => {
  it.each<[string, CleanupFacts, boolean, string, boolean]>([
    ['finished, copy there, changes never applied', run({ files_changed: change }), true, 'take', true],
    ['finished, applied', run({ files_changed: change, applied_at: ago(DAY) }), true, 'take', false],
    ['finished, no changes', run(), true, 'take', false],
    ['copy already discarded', run({ files_changed: change }), false, 'discarded', false],
    ['running', run({ status: 'running', files_changed: change }), true, 'running', true],
  ])('%s', (_name, facts, copyExists, verdict, unapplied) => {
    expect(discardVerdict(facts, copyExists)).toBe(verdict);
    expect(hasUnappliedChanges(facts, copyExists)).toBe(unapplied);
  });
});
