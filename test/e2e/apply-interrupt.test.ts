// End to end through the built CLI: `hew apply` of a run that changes 3,050 paths (2,950 files
// updated, 50 deleted, 50 added in a new directory), interrupted by SIGINT, SIGTERM and SIGKILL at
// several points. The user's tree must end exactly as it was or exactly as fully applied — never
// between — with no `.hew-apply-*` entry left anywhere, a one-line message and exit 130; after a
// SIGKILL the next hew command finishes or undoes the apply, says which, and never overwrites a file
// the user changed since. The signal is sent on an event: the first staging entry appearing in the
// tree (fs.watch), or the `HEW_TEST_APPLY_PAUSE` seam announcing a named point on stderr.
import { readdirSync, readFileSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../../src/runs/store.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { writeTree } from '../support/fixtures.ts';
import type { HewHome, HewResult } from '../support/hew-cli.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';
import { fingerprint } from '../workcopy/fixtures.ts';

afterEach(closeWorlds, 180_000);

const N = 3000;
const name = (i: number): string => `d/f${String(i).padStart(4, '0')}.txt`;
const notGit = (rel: string): boolean => rel === '.git';

interface Scene {
  world: World;
  repo: string;
  home: HewHome;
  runId: string;
  before: string[];
  after: string[];
}

/** A repository of 3,000 files and a finished run of it that changes 3,000 paths, laid out as `hew exec` leaves one. */
async function scene(): Promise<Scene> {
  const files: Record<string, string> = {};
  for (let i = 0; i < N; i++) files[name(i)] = `line one of ${i}\nline two\n`;
  const world = await hewWorld().withRepo(files).withTimeout(180_000).build();
  const { repo, home } = world;
  const store = new RunStore(join(home.state, 'hew'));
  const run = store.create({ repo, title: 'touch 3000 files', model: 'scripted', provider: 'openai' });
  const copy = await createWorkingCopy(repo, run.workDir);
  const changed: Record<string, string> = {};
  for (let i = 0; i < N - 50; i++) changed[name(i)] = `line one of ${i}, changed by the run\nline two\n`;
  for (let i = 0; i < 50; i++) changed[`new/n${i}.txt`] = `added ${i}\n`;
  writeTree(copy.root, changed);
  for (let i = N - 50; i < N; i++) rmSync(join(copy.root, name(i)));
  run.updateMeta({
    status: 'completed',
    kind: copy.kind,
    base_commit: copy.baseCommit,
    base_snapshot: copy.baseSnapshot,
    ended_at: new Date().toISOString(),
    exit_code: 0,
  });
  const state = { world, repo, home, runId: run.id, before: tree(repo), after: tree(copy.root) };
  expect(state.before).not.toEqual(state.after);
  return state;
}

function tree(root: string): string[] {
  return fingerprint(root, { exclude: notGit });
}

/** Every path under `root` (outside .git) whose name says it is an apply's temporary entry. */
function tempEntries(root: string): string[] {
  return tree(root)
    .map((line) => line.split(' ')[0] ?? '')
    .filter((p) => p.split('/').some((part) => part.includes('.hew-apply-')));
}

/** `hew apply` that gets `signal` once the seam announces `point` (e.g. `commit:1500`). */
function applyStoppedAt(s: Scene, point: string, signal: NodeJS.Signals): Promise<HewResult> {
  let pid = 0;
  let sent = false;
  let stderr = '';
  const [phase, index] = point.split(':');
  return s.world.hew(['apply', s.runId], {
    env: { HEW_TEST_APPLY_PAUSE: point },
    onSpawn: (p) => (pid = p),
    onStderr: (chunk) => {
      // The announcement may arrive split across chunks on a busy machine: match what has arrived.
      stderr += chunk;
      if (!sent && stderr.includes(`hew: test pause: apply ${phase} ${index}`)) {
        sent = true;
        process.kill(pid, signal);
      }
    },
  });
}

/** `hew apply` that gets `signal` as soon as the first temporary entry appears in the user's tree. */
async function applyStoppedOnFirstTemp(s: Scene, signal: NodeJS.Signals): Promise<HewResult> {
  let pid = 0;
  let sent = false;
  const watchers: FSWatcher[] = [];
  const onEntry = (_event: string, file: string | Buffer | null): void => {
    if (sent || file === null || !String(file).includes('.hew-apply-')) return;
    sent = true;
    process.kill(pid, signal);
  };
  // The repository top (where the staging directory goes) and d/ (where older hew put its temps).
  for (const dir of [s.repo, join(s.repo, 'd')]) watchers.push(watch(dir, onEntry));
  try {
    const result = await s.world.hew(['apply', s.runId], { onSpawn: (p) => (pid = p) });
    expect(sent).toBe(true);
    return result;
  } finally {
    for (const w of watchers) w.close();
  }
}

function expectWhole(s: Scene): 'before' | 'after' {
  const now = tree(s.repo);
  expect(tempEntries(s.repo)).toEqual([]);
  if (JSON.stringify(now) === JSON.stringify(s.before)) return 'before';
  expect(now).toEqual(s.after);
  return 'after';
}

function journals(s: Scene): string[] {
  try {
    return readdirSync(join(s.home.state, 'hew', 'applies'));
  } catch {
    return [];
  }
}

describe('hew apply under SIGINT and SIGTERM', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} as the first temporary file appears: the tree is whole, no temporary files, one line, exit 130`, async () => {
      const s = await scene();
      const result = await applyStoppedOnFirstTemp(s, signal);
      const state = expectWhole(s);
      expect(result.code).toBe(130);
      expect(result.stderr).toContain(state === 'before' ? 'hew: apply interrupted before any file changed' : 'hew: apply finished before exiting');
      expect(journals(s)).toEqual([]);
    }, 300_000);
  }

  it('SIGINT while staging (step 1500 of 3050): nothing changed, temporary files removed', async () => {
    const s = await scene();
    const result = await applyStoppedAt(s, 'prepare:1500', 'SIGINT');
    expect(expectWhole(s)).toBe('before');
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(`hew: apply interrupted before any file changed (run ${s.runId})`);
    expect(journals(s)).toEqual([]);
  }, 300_000);

  it('SIGTERM mid-commit (rename 1500 of 3050): the commit finishes, then hew exits 130 saying so', async () => {
    const s = await scene();
    const result = await applyStoppedAt(s, 'commit:1500', 'SIGTERM');
    expect(expectWhole(s)).toBe('after');
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('hew: apply finished before exiting (3050 files applied)');
    expect(journals(s)).toEqual([]);
  }, 300_000);
});

describe('hew apply after SIGKILL', () => {
  it('killed mid-commit: `hew runs` completes the apply from the journal and says so', async () => {
    const s = await scene();
    const killed = await applyStoppedAt(s, 'commit:1500', 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    expect(tree(s.repo)).not.toEqual(s.before);
    expect(tree(s.repo)).not.toEqual(s.after);
    expect(journals(s).length).toBeGreaterThan(0);

    const runs = await s.world.hew(['runs']);
    expect(runs.code).toBe(0);
    expect(runs.stderr).toContain(`hew: completed an interrupted apply of run ${s.runId}`);
    expect(expectWhole(s)).toBe('after');
    expect(journals(s)).toEqual([]);
    const again = await s.world.hew(['apply', s.runId]);
    expect(again.stdout).toContain('nothing to apply');
  }, 300_000);

  it('killed while staging: the next `hew apply` removes the temporary files, then applies', async () => {
    const s = await scene();
    await applyStoppedAt(s, 'prepare:1500', 'SIGKILL');
    expect(tree(s.repo).filter((l) => !l.includes('.hew-apply-'))).toEqual(s.before);
    expect(tempEntries(s.repo).length).toBeGreaterThan(0);

    const result = await s.world.hew(['apply', s.runId]);
    expect(result.stderr).toContain(`hew: an apply of run ${s.runId} into`);
    expect(result.stderr).toContain('was interrupted before any file changed; removed its temporary files');
    expect(result.code).toBe(0);
    expect(expectWhole(s)).toBe('after');
  }, 300_000);

  it('killed mid-commit and the temporary files lost: the next command rolls back from the backup', async () => {
    const s = await scene();
    await applyStoppedAt(s, 'commit:1500', 'SIGKILL');
    for (const entry of readdirSync(s.repo)) if (entry.startsWith('.hew-apply-')) rmSync(join(s.repo, entry), { recursive: true });

    const diff = await s.world.hew(['diff', '--stat', s.runId]);
    expect(diff.stderr).toContain(`hew: rolled back an interrupted apply of run ${s.runId}`);
    expect(expectWhole(s)).toBe('before');
  }, 300_000);

  it('never overwrites a file the user changed after the crash: lists it and stops (exit 1)', async () => {
    const s = await scene();
    await applyStoppedAt(s, 'commit:1500', 'SIGKILL');
    // f0010 was already written by the apply, f2000 not yet: the user edits both.
    const applied = join(s.repo, name(10));
    const waiting = join(s.repo, name(2000));
    expect(readFileSync(applied, 'utf8')).toContain('changed by the run');
    expect(readFileSync(waiting, 'utf8')).not.toContain('changed by the run');
    writeFileSync(applied, 'the user wrote this after the crash\n');
    writeFileSync(waiting, 'the user wrote this too\n');

    const result = await s.world.hew(['apply', s.runId]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`hew: completed an interrupted apply of run ${s.runId}`);
    expect(result.stderr).toContain(`left as it is: ${name(10)} (it changed after the apply was interrupted)`);
    expect(result.stderr).toContain(`left as it is: ${name(2000)} (it changed after the apply was interrupted)`);
    expect(readFileSync(applied, 'utf8')).toBe('the user wrote this after the crash\n');
    expect(readFileSync(waiting, 'utf8')).toBe('the user wrote this too\n');
    expect(tempEntries(s.repo)).toEqual([]);
    expect(readFileSync(join(s.repo, name(2999 - 50)), 'utf8')).toContain('changed by the run');
    expect(journals(s)).toEqual([]);
  }, 300_000);
});
