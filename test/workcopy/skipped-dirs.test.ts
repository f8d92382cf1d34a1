// The skip lists made from one base (src/workcopy/skipped-dirs.ts): the plain copy, the search for
// dependency directories and the orientation's walk of a plain tree agree on what is not the project's.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walkPlain } from '../../src/agent/orientation-walk.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { findDependencyDirs } from '../../src/workcopy/deps.ts';
import { IGNORED_LEFT_OUT_DIRS } from '../../src/workcopy/ignored.ts';
import { PLAIN_SKIPPED_DIRS } from '../../src/workcopy/plain.ts';
import { cleanupTempDirs, tempDir, visibleFiles, write } from './fixtures.ts';

afterAll(cleanupTempDirs);

describe('skip lists', () => {
  it('the plain copy leaves out the same directories as before they came from one base', () => {
    expect([...PLAIN_SKIPPED_DIRS].sort()).toEqual(
      ['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'target', '.venv', 'venv', '__pycache__', '.next', '.nuxt', '.svelte-kit', '.turbo', '.parcel-cache', '.cache', 'coverage', '.gradle', '.tox', '.mypy_cache', '.pytest_cache', '.ruff_cache'].sort(),
    );
    expect(IGNORED_LEFT_OUT_DIRS).not.toContain('dist');
    expect(IGNORED_LEFT_OUT_DIRS).toContain('coverage');
  });

  it('the orientation lists a plain tree’s files as the copy holds them, without dependency directories', async () => {
    const src = tempDir('hew-plain-walk-');
    const files = ['main.py', 'lib/util.py', '.hg/store/data', 'coverage/index.html', 'out/app.js', 'node_modules/a/index.js', 'vendor/lib/x.rb', 'lib/__pycache__/u.pyc'];
    for (const f of files) write(src, f, 'x\n');
    expect(walkPlain(src, 1000).sort()).toEqual(['lib/util.py', 'main.py']);
    const copy = await createWorkingCopy(src, path.join(tempDir(), 'work'));
    const copied = visibleFiles(copy.root);
    for (const f of walkPlain(src, 1000)) expect(copied.some((line) => line.startsWith(`${f}:`))).toBe(true);
  });

  it('dependency directories are not searched for inside build output or caches', async () => {
    const src = tempDir('hew-plain-deps-');
    for (const f of ['node_modules/a/index.js', 'pkg/.venv/bin/python', 'coverage/node_modules/b/x.js', '.tox/py/venv/bin/python', 'out/node_modules/c/x.js']) write(src, f, '');
    expect(await findDependencyDirs(src, { kind: 'plain' })).toEqual(['node_modules', 'pkg/.venv']);
  });
});
