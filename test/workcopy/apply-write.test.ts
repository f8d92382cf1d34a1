// The write half of apply: a user file that changes between planning and writing makes the whole
// apply roll back (files already written are restored, deleted ones come back, new directories go),
// and files checked out with end-of-line conversion compare and merge in their working-tree form.
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCopy, planApply } from '../../src/workcopy/apply.ts';
import { ApplyRaceError, writePlan } from '../../src/workcopy/apply-write.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { cleanupTempDirs, fingerprint, initRepo, sh, tempDir, write } from './fixtures.ts';

afterAll(cleanupTempDirs);

function repoWith(files: Record<string, string>): string {
  const repo = initRepo(tempDir());
  for (const [rel, content] of Object.entries(files)) write(repo, rel, content);
  sh(repo, ['add', '-A']);
  sh(repo, ['commit', '-q', '-m', 'base']);
  return repo;
}

describe('writePlan rollback', () => {
  it('a file changed after planning: everything already written is put back, nothing new is left', async () => {
    const repo = repoWith({ 'a.txt': 'a\n', 'gone.txt': 'gone\n', 'z.txt': 'z\n' });
    const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
    write(copy.root, 'a.txt', 'a from the run\n');
    write(copy.root, 'new/dir/b.txt', 'b from the run\n');
    unlinkSync(path.join(copy.root, 'gone.txt'));
    write(copy.root, 'z.txt', 'z from the run\n');

    const plan = await planApply(copy, repo);
    expect(plan.conflicts).toEqual([]);
    expect(plan.writes.map((w) => w.path)).toEqual(['a.txt', 'gone.txt', 'new/dir/b.txt', 'z.txt']);
    // The user edits z.txt after the plan was made: the last write must notice and undo the others.
    write(repo, 'z.txt', 'z edited meanwhile\n');
    const before = fingerprint(repo);

    const failure = await writePlan(repo, plan.writes).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApplyRaceError);
    expect((failure as ApplyRaceError).path).toBe('z.txt');
    expect(fingerprint(repo)).toEqual(before);
    expect(readFileSync(path.join(repo, 'gone.txt'), 'utf8')).toBe('gone\n');
    expect(existsSync(path.join(repo, 'new'))).toBe(false);
  });
});

describe('end-of-line conversion', () => {
  it('compares and merges CRLF working files against their base, not the LF blobs', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => `row ${i}`);
    const crlf = (rows: string[]): string => rows.map((r) => `${r}\r\n`).join('');
    const repo = repoWith({ '.gitattributes': '*.txt text eol=crlf\n' });
    write(repo, 'table.txt', crlf(lines));
    write(repo, 'other.txt', crlf(lines));
    sh(repo, ['add', '-A']);
    sh(repo, ['commit', '-q', '-m', 'crlf files']);
    expect(readFileSync(path.join(repo, 'table.txt'), 'utf8')).toContain('\r\n');

    const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
    expect(readFileSync(path.join(copy.root, 'table.txt'), 'utf8')).toBe(crlf(lines));
    const runRows = lines.map((l, i) => (i === 1 ? 'row one (run)' : l));
    write(copy.root, 'table.txt', crlf(runRows));
    write(copy.root, 'other.txt', crlf(runRows));
    write(repo, 'table.txt', crlf(lines.map((l, i) => (i === 8 ? 'row eight (user)' : l))));

    const result = await applyCopy(copy, repo);
    expect(result.applied).toEqual([
      { path: 'other.txt', action: 'update' },
      { path: 'table.txt', action: 'merge' },
    ]);
    expect(readFileSync(path.join(repo, 'other.txt'), 'utf8')).toBe(crlf(runRows));
    expect(readFileSync(path.join(repo, 'table.txt'), 'utf8')).toBe(crlf(runRows.map((l, i) => (i === 8 ? 'row eight (user)' : l))));
  });
});
