// What `hew discard --all` and `hew runs prune` share, on a real run store: which runs a verdict
// takes (and how many it leaves because they run, and how many had changes never applied), the second
// look just before each removal, and the lines they print — as tables.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leftAloneNote, removeStillTaken, runLines, selectRuns, unappliedNote } from '../../src/cli/cleanup-lines.ts';
import { markRun } from '../../src/runs/lifecycle.ts';
import type { RunMeta, RunMetaView } from '../../src/protocol/run-meta.ts';
import { discardVerdict } from '../../src/runs/cleanup.ts';
import type { Run } from '../../src/runs/run.ts';
import { RunStore } from '../../src/runs/store.ts';
import { tempDir } from '../support/fixtures.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function newStore(): RunStore {
  const dir = tempDir('hew-cleanup-lines-');
  dirs.push(dir);
  return new RunStore(dir);
}

const changed = [{ path: 'a.txt', kind: 'update' as const }];

describe('unappliedNote and leftAloneNote', () => {
  it.each([
    [0, '', ''],
    [1, ' (1 with changes never applied)', '; 1 still running, left alone'],
    [3, ' (3 with changes never applied)', '; 3 still running, left alone'],
  ])('%i', (count, unapplied, leftAlone) => {
    expect(unappliedNote(count)).toBe(unapplied);
    expect(leftAloneNote(count)).toBe(leftAlone);
  });
});

describe('runLines', () => {
  const id = '20260101-000000-abcd';
  const meta = (title: string): RunMetaView => ({ id, title }) as RunMetaView;
  it.each([
    ['a short title', [meta('Fix the parser')], `  ${id}  Fix the parser\n`],
    ['a title cut to fit 80 columns', [meta('x'.repeat(100))], `  ${id}  ${'x'.repeat(55)}…\n`],
    ['a hostile title made safe, on one line', [meta('a\u001b[2J\nb')], `  ${id}  a␛[2J␊b\n`],
    ['no runs', [], ''],
  ])('%s', (_name, runs, shown) => {
    expect(runLines(runs)).toBe(shown);
  });
});

describe('selectRuns and removeStillTaken (discard --all)', () => {
  /** A finished run of /repo; `copy`: its working copy exists. */
  function run(store: RunStore, over: Partial<RunMeta>, copy: boolean): Run {
    const made = store.create({ repo: '/repo', title: 't', model: 'm', provider: 'p', status: 'completed', ended_at: new Date().toISOString(), ...over });
    if (copy) mkdirSync(made.workDir);
    return made;
  }

  it('takes finished runs that have a copy, counting those never applied, and leaves running ones', () => {
    const store = newStore();
    const taken = run(store, {}, true);
    const unapplied = run(store, { files_changed: changed }, true);
    const applied = run(store, { files_changed: changed }, true);
    markRun(applied, { applied_at: new Date().toISOString() });
    run(store, {}, false); // discarded already: nothing to take
    run(store, { status: 'running', pid: process.pid }, true);
    run(store, { status: 'running', pid: process.pid }, true);

    const chosen = selectRuns(store, store.list(), discardVerdict);
    expect(chosen.taken.map((m) => m.id).sort()).toEqual([taken.id, unapplied.id, applied.id].sort());
    expect(chosen.running).toBe(2);
    expect(chosen.unapplied).toBe(1);
  });

  it('removes only what the verdict still takes when it looks again: not a run resumed or damaged meanwhile, nor one gone', () => {
    const store = newStore();
    const stays = run(store, {}, true);
    const resumed = run(store, {}, true);
    const damaged = run(store, {}, true);
    const gone = run(store, {}, true);
    const chosen = selectRuns(store, store.list(), discardVerdict);
    expect(chosen.taken).toHaveLength(4);

    resumed.updateMeta({ status: 'running', pid: process.pid });
    writeFileSync(path.join(damaged.dir, 'meta.json'), '{"id":');
    rmSync(gone.dir, { recursive: true });
    const removed: string[] = [];
    const done = removeStillTaken(store, chosen.taken, discardVerdict, (r) => {
      removed.push(r.id);
      r.discardWork();
    });
    expect(removed).toEqual([stays.id]);
    expect(done.map((m) => m.id)).toEqual([stays.id]);
  });
});
