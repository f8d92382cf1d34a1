// The copy checks files out with the user's line endings, whatever the repository's own settings say
// (local core.autocrlf, core.eol with a text attribute, `.git/info/attributes`): its files are the
// user's bytes, git in the copy shows no change, and a one-line edit applies as one line.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCopy } from '../../src/workcopy/apply.ts';
import { changedFiles } from '../../src/workcopy/changes.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { cleanupTempDirs, fingerprint, initRepo, readOnlyStatus, sh, tempDir, write } from './fixtures.ts';

afterAll(cleanupTempDirs);

const ROWS = Array.from({ length: 8 }, (_, i) => `row ${i}`);
const lf = (rows: string[]): string => rows.map((r) => `${r}\n`).join('');
const crlf = (rows: string[]): string => rows.map((r) => `${r}\r\n`).join('');

interface Case {
  name: string;
  /** Committed before the settings change (LF in the repository). */
  files: Record<string, string>;
  /** The repository-local setting that makes the checkout CRLF. */
  setup: (repo: string) => void;
}

const CASES: Case[] = [
  { name: 'local core.autocrlf=true', files: {}, setup: (repo) => sh(repo, ['config', 'core.autocrlf', 'true']) },
  { name: 'local core.eol=crlf with `* text=auto`', files: { '.gitattributes': '* text=auto\n' }, setup: (repo) => sh(repo, ['config', 'core.eol', 'crlf']) },
  { name: '.git/info/attributes with eol=crlf', files: {}, setup: (repo) => write(repo, '.git/info/attributes', '*.txt text eol=crlf\n') },
];

/** A repository whose tracked files were committed with LF and then checked out again under `c.setup`. */
function crlfCheckout(c: Case): string {
  const repo = initRepo(tempDir());
  const files = { ...c.files, 'table.txt': lf(ROWS), 'docs/notes.txt': lf(['one', 'two']) };
  for (const [rel, text] of Object.entries(files)) write(repo, rel, text);
  sh(repo, ['add', '-A']);
  sh(repo, ['commit', '-q', '-m', 'lf files']);
  c.setup(repo);
  for (const rel of Object.keys(files)) rmSync(path.join(repo, rel));
  sh(repo, ['checkout', '--', '.']);
  return repo;
}

const notGit = (rel: string): boolean => rel === '.git' || rel.startsWith('.git/');

describe.each(CASES)('a checkout made CRLF by $name', (c) => {
  it('is reproduced byte for byte, and git in the copy sees no change', async () => {
    const repo = crlfCheckout(c);
    expect(readFileSync(path.join(repo, 'table.txt'), 'utf8')).toBe(crlf(ROWS));
    expect(readOnlyStatus(repo)).toBe('');

    const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
    expect(fingerprint(copy.root, { exclude: notGit })).toEqual(fingerprint(repo, { exclude: notGit }));
    expect(readOnlyStatus(copy.root)).toBe('');
    expect(sh(copy.root, ['diff', 'HEAD'])).toBe('');
    expect(await changedFiles(copy)).toEqual([]);
  });

  it('a one-line edit in the copy applies as that one line, CRLF kept', async () => {
    const repo = crlfCheckout(c);
    const gitBefore = fingerprint(path.join(repo, '.git'), { exclude: (rel) => rel === 'index' });
    const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
    const edited = ROWS.map((r, i) => (i === 3 ? 'row three (run)' : r));
    write(copy.root, 'table.txt', crlf(edited));

    const result = await applyCopy(copy, repo);
    expect(result.conflicts).toEqual([]);
    expect(result.applied).toEqual([{ path: 'table.txt', action: 'update' }]);
    expect(readFileSync(path.join(repo, 'table.txt'), 'utf8')).toBe(crlf(edited));
    expect(readFileSync(path.join(repo, 'docs/notes.txt'), 'utf8')).toBe(crlf(['one', 'two']));
    expect(fingerprint(path.join(repo, '.git'), { exclude: (rel) => rel === 'index' })).toEqual(gitBefore);
  });
});

describe('a repository with core.safecrlf=true', () => {
  it('does not stop hew snapshotting a file the run wrote with LF endings', async () => {
    const repo = crlfCheckout({ name: 'autocrlf and safecrlf', files: {}, setup: (r) => sh(r, ['config', 'core.autocrlf', 'true']) });
    sh(repo, ['config', 'core.safecrlf', 'true']);
    const copy = await createWorkingCopy(repo, path.join(tempDir(), 'work'));
    write(copy.root, 'new.txt', lf(['written', 'by the run']));
    expect(await changedFiles(copy)).toEqual([{ path: 'new.txt', kind: 'add' }]);
    const result = await applyCopy(copy, repo);
    expect(result.applied).toEqual([{ path: 'new.txt', action: 'add' }]);
    expect(readFileSync(path.join(repo, 'new.txt'), 'utf8')).toBe(lf(['written', 'by the run']));
  });
});
