// The safe reads, as tables: which files are read (and how much of them), which are refused and why.
// A FIFO must be refused without blocking (a blocked read would hang this test file).
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounded, readBoundedAsync, UnreadableFileError } from '../../src/fs/read-bounded.ts';
import type { ReadLimit, UnreadableReason } from '../../src/fs/read-bounded.ts';
import { readRepoFile, resolveDirInRepo } from '../../src/fs/repo-file.ts';
import { writeFileAtomic } from '../../src/fs/write-atomic.ts';
import { tempDir } from '../support/fixtures.ts';

/** A repository-like tree and, beside it, a host directory with a secret. */
function world(): { top: string; host: string } {
  const base = tempDir('hew-fs-');
  const top = join(base, 'repo');
  const host = join(base, 'host');
  mkdirSync(join(top, '.git'), { recursive: true });
  mkdirSync(join(top, 'docs'));
  mkdirSync(host);
  writeFileSync(join(host, 'secret.txt'), 'HOST-SECRET');
  writeFileSync(join(top, '.git', 'config'), '[remote "origin"]\n  url = https://token@example.com/x.git\n');
  writeFileSync(join(top, 'plain.md'), 'plain text');
  writeFileSync(join(top, 'docs', 'real.md'), 'linked text');
  writeFileSync(join(top, 'big.md'), 'x'.repeat(100));
  symlinkSync('docs/real.md', join(top, 'inside-link.md'));
  symlinkSync(join(host, 'secret.txt'), join(top, 'outside-link.md'));
  symlinkSync('../host/secret.txt', join(top, 'relative-outside.md'));
  symlinkSync('.git/config', join(top, 'git-link.md'));
  symlinkSync('nowhere.md', join(top, 'dangling.md'));
  symlinkSync('/dev/zero', join(top, 'zero.md'));
  symlinkSync(join(host), join(top, 'dir-link'));
  execFileSync('mkfifo', [join(top, 'fifo.md')]);
  return { top, host };
}

type Expect = { text: string; truncated?: boolean } | { refused: UnreadableReason['code']; kind?: string };

const LIMIT: ReadLimit = { maxBytes: 64, overLimit: 'refuse' };

const REPO_CASES: [string, string, ReadLimit, Expect][] = [
  ['a regular file', 'plain.md', LIMIT, { text: 'plain text' }],
  ['a link that stays inside', 'inside-link.md', LIMIT, { text: 'linked text' }],
  ['a link out of the repository', 'outside-link.md', LIMIT, { refused: 'outside' }],
  ['a relative link out', 'relative-outside.md', LIMIT, { refused: 'outside' }],
  ['a link into .git', 'git-link.md', LIMIT, { refused: 'git-dir' }],
  ['a file inside .git', '.git/config', LIMIT, { refused: 'git-dir' }],
  ['a dangling link', 'dangling.md', LIMIT, { refused: 'unreadable' }],
  ['a missing file', 'missing.md', LIMIT, { refused: 'missing' }],
  ['a FIFO', 'fifo.md', LIMIT, { refused: 'not-a-file', kind: 'FIFO' }],
  ['a link to a device', 'zero.md', LIMIT, { refused: 'outside' }],
  ['a directory', 'docs', LIMIT, { refused: 'not-a-file', kind: 'directory' }],
  ['a link to a directory outside', 'dir-link/secret.txt', LIMIT, { refused: 'outside' }],
  ['an oversized file, refused', 'big.md', LIMIT, { refused: 'too-large' }],
  ['an oversized file, cut', 'big.md', { maxBytes: 64, overLimit: 'truncate' }, { text: 'x'.repeat(64), truncated: true }],
  ['a file exactly at the cap', 'big.md', { maxBytes: 100, overLimit: 'refuse' }, { text: 'x'.repeat(100), truncated: false }],
];

function outcome(read: () => { bytes: Buffer; truncated: boolean }): Expect {
  try {
    const r = read();
    return { text: r.bytes.toString('utf8'), truncated: r.truncated };
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    return err.reason.code === 'not-a-file' ? { refused: err.reason.code, kind: err.reason.kind } : { refused: err.reason.code };
  }
}

describe('readRepoFile: only regular files inside the repository, links resolved', () => {
  const { top } = world();
  it.each(REPO_CASES)('%s (%s)', (_name, rel, limit, expected) => {
    const got = outcome(() => readRepoFile(top, join(top, rel), limit));
    expect(got).toMatchObject(expected);
  });

  it('names the file as given and says why, in one line', () => {
    let message = '';
    try {
      readRepoFile(top, join(top, 'outside-link.md'), LIMIT);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/outside-link\.md: leads to .*host\/secret\.txt, outside the repository/);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('HOST-SECRET');
  });
});

const USER_CASES: [string, (w: { top: string; host: string }) => string, Expect][] = [
  ['a regular file', (w) => join(w.top, 'plain.md'), { text: 'plain text' }],
  ['a link anywhere (dotfiles)', (w) => join(w.top, 'outside-link.md'), { text: 'HOST-SECRET' }],
  ['a link to /dev/zero', (w) => join(w.top, 'zero.md'), { refused: 'not-a-file', kind: 'character device' }],
  ['a device', () => '/dev/null', { refused: 'not-a-file', kind: 'character device' }],
  ['a FIFO', (w) => join(w.top, 'fifo.md'), { refused: 'not-a-file', kind: 'FIFO' }],
  ['a directory', (w) => w.host, { refused: 'not-a-file', kind: 'directory' }],
  ['a missing file', (w) => join(w.top, 'missing.md'), { refused: 'missing' }],
  ['an oversized file', (w) => join(w.top, 'big.md'), { refused: 'too-large' }],
];

describe('readBounded: any regular file, never blocking, never past the cap', () => {
  const w = world();
  it.each(USER_CASES)('%s', (_name, pathOf, expected) => {
    expect(outcome(() => readBounded(pathOf(w), LIMIT))).toMatchObject(expected);
  });
  it.each(USER_CASES)('%s (async)', async (_name, pathOf, expected) => {
    let got: Expect;
    try {
      const r = await readBoundedAsync(pathOf(w), LIMIT);
      got = { text: r.bytes.toString('utf8'), truncated: r.truncated };
    } catch (err) {
      if (!(err instanceof UnreadableFileError)) throw err;
      got = err.reason.code === 'not-a-file' ? { refused: err.reason.code, kind: err.reason.kind } : { refused: err.reason.code };
    }
    expect(got).toMatchObject(expected);
  });

  it('reads a file whose size says 0 (a /proc file) up to the cap', () => {
    const r = readBounded('/proc/self/status', { maxBytes: 16, overLimit: 'truncate' });
    expect(r.bytes.length).toBe(16);
    expect(r.truncated).toBe(true);
  });
});

describe('resolveDirInRepo: a directory that may not exist yet', () => {
  const { top } = world();
  const cases: [string, string, string | null][] = [
    ['an existing directory', 'docs', 'docs'],
    ['one to be made', '.hew/tasks', '.hew/tasks'],
    ['one under a link out', 'dir-link/tasks', null],
    ['a link out itself', 'dir-link', null],
    ['above the repository', '../elsewhere', null],
    ['inside .git', '.git/tasks', null],
  ];
  it.each(cases)('%s (%s)', (_name, rel, expected) => {
    let got: string | null;
    try {
      got = resolveDirInRepo(top, join(top, rel));
    } catch (err) {
      if (!(err instanceof UnreadableFileError)) throw err;
      got = null;
    }
    expect(got).toBe(expected === null ? null : join(top, expected));
  });
});

describe('writeFileAtomic', () => {
  it('replaces a planted link or FIFO at the target instead of writing through it', () => {
    const { top, host } = world();
    writeFileAtomic(join(top, 'outside-link.md'), 'new');
    expect(readFileSync(join(host, 'secret.txt'), 'utf8')).toBe('HOST-SECRET');
    expect(lstatSync(join(top, 'outside-link.md')).isFile()).toBe(true);
    expect(readFileSync(join(top, 'outside-link.md'), 'utf8')).toBe('new');
    writeFileAtomic(join(top, 'fifo.md'), 'not blocked');
    expect(readFileSync(join(top, 'fifo.md'), 'utf8')).toBe('not blocked');
  });
});
