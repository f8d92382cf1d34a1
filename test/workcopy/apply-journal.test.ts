// The apply journal: its checks as a table (what a journal must and must not contain), writing and
// reading it back, the lock it is, and replaying an apply stopped at a named point as a SIGKILL would
// leave it — completed, rolled back from the backup, or only cleaned up — without touching a path the
// user changed, and a damaged journal refused with a clear error and nothing touched.
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ApplyBusyError,
  createJournal,
  DamagedJournalError,
  journalFiles,
  journalProblem,
  readJournal,
  removeJournal,
  type Journal,
} from '../../src/workcopy/apply-journal.ts';
import { recoverApply } from '../../src/workcopy/apply-recover.ts';
import { planApply } from '../../src/workcopy/apply.ts';
import { writePlan, type ApplyPoint } from '../../src/workcopy/apply-write.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { cleanupTempDirs, fingerprint, initRepo, sh, tempDir, write } from './fixtures.ts';

afterAll(cleanupTempDirs);

const SHA = 'a'.repeat(64);
const valid: Journal = {
  version: 1,
  repo: '/home/u/repo',
  run_id: '20250101-000000-abcd',
  pid: 42,
  started_at: '2025-01-01T00:00:00.000Z',
  phase: 'commit',
  staging: '.hew-apply-0123abcd',
  entries: [
    { path: 'src/a.ts', action: 'update', before: { type: 'file', sha256: SHA, exec: false }, after: { type: 'file', sha256: SHA, exec: true }, temp: '0', backup: { offset: 0, length: 3 } },
    { path: 'gone.txt', action: 'delete', before: { type: 'symlink', target: 'x' }, after: { type: 'absent' }, temp: null, backup: null },
  ],
};

function withEntry(patch: Record<string, unknown>): unknown {
  return { ...valid, entries: [{ ...valid.entries[0], ...patch }] };
}

describe('journalProblem', () => {
  const cases: [string, unknown, string | null][] = [
    ['a journal as hew writes it', valid, null],
    ['not an object', [1, 2], 'not a JSON object'],
    ['an unknown version', { ...valid, version: 2 }, 'unknown version 2'],
    ['a relative repo', { ...valid, repo: 'repo' }, 'repo is not an absolute path'],
    ['an unknown phase', { ...valid, phase: 'done' }, 'unknown phase "done"'],
    ['a staging directory outside the pattern', { ...valid, staging: '../../etc' }, 'staging is not a .hew-apply-XXXXXXXX name'],
    ['a path climbing out of the tree', withEntry({ path: '../outside' }), 'entry 0: path is not a safe relative path'],
    ['a path into .git', withEntry({ path: '.git/hooks/pre-commit' }), 'entry 0: path is not a safe relative path'],
    ['an absolute path', withEntry({ path: '/etc/passwd' }), 'entry 0: path is not a safe relative path'],
    ['a temp name that is a path', withEntry({ temp: '../x' }), 'entry 0: temp is not a staged file name'],
    ['no temp for a file that is written', withEntry({ temp: null }), 'entry 0: temp does not match after'],
    ['no backup of a file that is replaced', withEntry({ backup: null }), 'entry 0: backup does not match before'],
    ['a hash that is not sha256', withEntry({ before: { type: 'file', sha256: 'zz', exec: false } }), 'entry 0: before or after is not a recorded state'],
    ['a negative backup offset', withEntry({ backup: { offset: -1, length: 3 } }), 'entry 0: backup is not an offset and length'],
  ];
  it.each(cases)('%s', (_name, journal, problem) => {
    expect(journalProblem(journal)).toBe(problem);
  });
});

describe('journal files', () => {
  it('writes, reads back, locks (a second create is ApplyBusyError) and removes', async () => {
    const files = journalFiles(tempDir(), '/home/u/repo');
    await createJournal(files, valid);
    expect(await readJournal(files.journal)).toEqual(valid);
    const second = await createJournal(files, { ...valid, pid: 43 }).catch((err: unknown) => err);
    expect(second).toBeInstanceOf(ApplyBusyError);
    expect((second as Error).message).toContain('another hew apply (pid 42');
    await removeJournal(files);
    expect(readdirSync(files.dir)).toEqual([]);
  });

  it('a damaged journal is a DamagedJournalError naming the file and the problem', async () => {
    const files = journalFiles(tempDir(), '/home/u/repo');
    await createJournal(files, valid);
    writeFileSync(files.journal, '{"version": 1, "repo": "/home/u/re');
    const cut = await readJournal(files.journal).catch((err: unknown) => err);
    expect(cut).toBeInstanceOf(DamagedJournalError);
    expect((cut as Error).message).toBe(`${files.journal}: not valid JSON (cut short or overwritten)`);
    writeFileSync(files.journal, JSON.stringify({ ...valid, staging: '/' }));
    await expect(readJournal(files.journal)).rejects.toThrow('staging is not a .hew-apply-XXXXXXXX name');
  });
});

/** A repository, a copy with changes (update, delete, add in a new directory), and the apply's plan. */
async function scene() {
  const repo = initRepo(tempDir());
  for (let i = 0; i < 6; i++) write(repo, `f${i}.txt`, `file ${i}\n`);
  write(repo, 'link', Buffer.from('x'));
  sh(repo, ['add', '-A']);
  sh(repo, ['commit', '-q', '-m', 'base']);
  const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
  for (let i = 0; i < 4; i++) write(copy.root, `f${i}.txt`, `file ${i} from the run\n`);
  rmSync(path.join(copy.root, 'f5.txt'));
  write(copy.root, 'new/dir/g.txt', 'new\n');
  const plan = await planApply(copy, repo);
  expect(plan.conflicts).toEqual([]);
  const notGit = (rel: string): boolean => rel === '.git';
  return { repo, copy, plan, before: fingerprint(repo, { exclude: notGit }), after: fingerprint(copy.root, { exclude: notGit }), tree: () => fingerprint(repo, { exclude: notGit }) };
}

/** Starts writePlan and resolves once it reaches `point` `index`, where it then stays (as if killed there). */
async function stopAt(repo: string, writes: Parameters<typeof writePlan>[1], stateDir: string, point: ApplyPoint, index: number): Promise<void> {
  await new Promise<void>((reached) => {
    void writePlan(repo, writes, {
      stateDir,
      runId: 'run-1',
      pause: (p, i) => (p === point && i === index ? (reached(), new Promise<void>(() => undefined)) : Promise.resolve()),
    });
  });
}

const dead = (): boolean => false;
const staged = (repo: string): string[] => readdirSync(repo).filter((n) => n.startsWith('.hew-apply-'));

describe('recoverApply', () => {
  it('stopped mid-commit: completes the apply, removes the staging directory and the journal', async () => {
    const s = await scene();
    const state = tempDir();
    await stopAt(s.repo, s.plan.writes, state, 'commit', 3);
    expect(s.tree()).not.toEqual(s.before);
    expect(await recoverApply(state, s.repo, () => true)).toBeNull(); // its process is alive: hands off
    const report = await recoverApply(state, s.repo, dead);
    expect(report).toMatchObject({ outcome: 'completed', runId: 'run-1', leftAlone: [] });
    expect(s.tree()).toEqual(s.after);
    expect(staged(s.repo)).toEqual([]);
    expect(await recoverApply(state, s.repo, dead)).toBeNull();
  });

  it('stopped mid-commit with the staged files gone: rolls back from the backup', async () => {
    const s = await scene();
    const state = tempDir();
    await stopAt(s.repo, s.plan.writes, state, 'commit', 3);
    for (const name of staged(s.repo)) rmSync(path.join(s.repo, name), { recursive: true });
    expect((await recoverApply(state, s.repo, dead))?.outcome).toBe('rolled-back');
    expect(s.tree()).toEqual(s.before);
  });

  it('stopped while staging: removes the staging directory; no user file had changed', async () => {
    const s = await scene();
    const state = tempDir();
    await stopAt(s.repo, s.plan.writes, state, 'prepare', 4);
    expect(staged(s.repo)).toHaveLength(1);
    expect((await recoverApply(state, s.repo, dead))?.outcome).toBe('nothing-changed');
    expect(s.tree()).toEqual(s.before);
  });

  it('leaves alone a path the user changed after the crash, and reports it', async () => {
    const s = await scene();
    const state = tempDir();
    await stopAt(s.repo, s.plan.writes, state, 'commit', 3);
    // Order: the delete (f5) first, then f0, f1, f2 were written; f3 waits. The user edits f0 and f3.
    write(s.repo, 'f0.txt', 'mine\n');
    write(s.repo, 'f3.txt', 'mine too\n');
    const report = await recoverApply(state, s.repo, dead);
    expect(report?.outcome).toBe('completed');
    expect(report?.leftAlone.map((l) => l.path).sort()).toEqual(['f0.txt', 'f3.txt']);
    expect(readFileSync(path.join(s.repo, 'f0.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(path.join(s.repo, 'f3.txt'), 'utf8')).toBe('mine too\n');
    expect(readFileSync(path.join(s.repo, 'new/dir/g.txt'), 'utf8')).toBe('new\n');
  });

  it('a damaged journal: DamagedJournalError, and nothing in the tree is touched', async () => {
    const s = await scene();
    const state = tempDir();
    await stopAt(s.repo, s.plan.writes, state, 'commit', 3);
    const files = journalFiles(state, realpathSync(s.repo));
    writeFileSync(files.journal, 'garbage');
    const middle = s.tree();
    await expect(recoverApply(state, s.repo, dead)).rejects.toBeInstanceOf(DamagedJournalError);
    expect(s.tree()).toEqual(middle);
    expect(existsSync(files.journal)).toBe(true);
  });
});
