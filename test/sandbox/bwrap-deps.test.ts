// Dependency directories (SPEC §4): the fixture's git-ignored node_modules is not in the working copy,
// yet its test passes inside the sandbox, offline, because the user's node_modules is bound read-only
// into the copy; writes into it fail; the user's tree stays byte-for-byte the same.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBwrapSandbox, type BwrapOptions } from '../../src/sandbox/bwrap.ts';
import { dependencyMountsFor, prepareMountPoints } from '../../src/sandbox/deps-mounts.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { git, ROOT, treeFingerprint } from '../support/fixtures.ts';
import { makeRunner, makeWorld, NOBODY, type RunAs } from './bwrap-fixture.ts';

let base: string;
let userRepo: string;
let before: string;

/** fixtures/with-deps as a real repository: `_gitignore` becomes its `.gitignore`, node_modules stays uncommitted. */
beforeAll(() => {
  base = mkdtempSync('/tmp/hew-deps-');
  chmodSync(base, 0o755);
  userRepo = path.join(base, 'with-deps');
  cpSync(path.join(ROOT, 'fixtures', 'with-deps'), userRepo, { recursive: true });
  renameSync(path.join(userRepo, '_gitignore'), path.join(userRepo, '.gitignore'));
  mkdirSync(path.join(userRepo, 'node_modules', '.cache'));
  git(userRepo, 'init', '-q', '-b', 'main');
  git(userRepo, 'add', '-A');
  git(userRepo, 'commit', '-q', '-m', 'initial');
  before = treeFingerprint(userRepo);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function makeCopy(name: string): Promise<string> {
  const copy = path.join(base, name);
  await createWorkingCopy(userRepo, copy);
  return copy;
}

describe('dependency mounts for fixtures/with-deps', () => {
  it('the fixture commits its node_modules in hew but ignores it as a project', () => {
    const files = git(userRepo, 'ls-files').split('\n');
    expect(files).toContain('test.js');
    expect(files.some((f) => f.startsWith('node_modules'))).toBe(false);
    // In hew's own repository the hand-written package is not ignored (the .gitignore negation).
    expect(() => execFileSync('git', ['check-ignore', '-q', 'fixtures/with-deps/node_modules/tiny-math/index.js'], { cwd: ROOT })).toThrow();
  });

  it('finds node_modules, makes an empty git-excluded mount point in the copy, and its scratch cache', async () => {
    const copy = await makeCopy('copy-plan');
    expect(existsSync(path.join(copy, 'node_modules'))).toBe(false); // not copied
    const deps = await dependencyMountsFor(userRepo, userRepo, { copyRoot: copy });
    expect(deps.mounts).toEqual([{ source: path.join(userRepo, 'node_modules'), target: path.join(userRepo, 'node_modules') }]);
    expect(deps.scratch).toEqual([path.join(userRepo, 'node_modules', '.cache')]);
    expect(readdirSync(path.join(copy, 'node_modules'))).toEqual([]);
    expect(readFileSync(path.join(copy, '.git', 'info', 'exclude'), 'utf8')).toContain('/node_modules/\n');
    expect(git(copy, 'status', '--porcelain')).toBe('');
  });

  it('never creates a mount point through a symlink or over a file', async () => {
    const copy = mkdtempSync(path.join(base, 'mp-'));
    execFileSync('ln', ['-s', base, path.join(copy, 'link')]);
    execFileSync('touch', [path.join(copy, 'file')]);
    const usable = await prepareMountPoints(copy, ['link/node_modules', 'file/node_modules', 'pkg/a/node_modules', '../escape']);
    expect(usable).toEqual(['pkg/a/node_modules']);
    expect(existsSync(path.join(base, 'node_modules'))).toBe(false);
    expect(existsSync(path.join(base, 'escape'))).toBe(false);
    expect(readdirSync(path.join(copy, 'pkg', 'a', 'node_modules'))).toEqual([]);
  });

  describe.each<RunAs>(['root', 'nobody'])('in the sandbox, as %s', (as) => {
    it('the test passes offline, node_modules is read-only, its cache is scratch, the user tree is unchanged', async () => {
      const copy = await makeCopy(`copy-${as}`);
      const deps = await dependencyMountsFor(userRepo, userRepo, { copyRoot: copy });
      const world = makeWorld(as); // for PATH (a node nobody can run) and cleanup
      try {
        if (as === 'nobody') execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, copy]);
        const opts: BwrapOptions = {
          mode: 'workspace-write',
          network: false,
          copyRoot: copy,
          visibleRoot: userRepo,
          dependencyMounts: deps.mounts,
          scratchDirs: deps.scratch,
          env: { PATH: world.pathVar, HOME: world.home },
        };
        const sb = makeRunner(as, opts);
        const test = await sb.run({ command: as === 'root' ? 'node test.js && npm test --silent' : 'node test.js', cwd: copy });
        expect(test.output).toContain('ok: tiny-math 1.2.3');
        expect(test.exitCode).toBe(0);

        const writes = await sb.run({
          command:
            'echo hacked > node_modules/tiny-math/index.js || echo DENIED-EDIT; touch node_modules/new || echo DENIED-NEW; ' +
            'rm -rf node_modules/tiny-math || echo DENIED-RM; echo c > node_modules/.cache/c && cat node_modules/.cache/c; git status --porcelain; echo done',
          cwd: copy,
        });
        expect(writes.output).toContain('DENIED-EDIT');
        expect(writes.output).toContain('DENIED-NEW');
        expect(writes.output).toContain('DENIED-RM');
        expect(writes.output).toContain('c\ndone\n'); // the cache is writable and git sees nothing changed
        expect(treeFingerprint(userRepo)).toBe(before);
        expect(existsSync(path.join(userRepo, 'node_modules', '.cache', 'c'))).toBe(false);
        expect(readdirSync(path.join(copy, 'node_modules'))).toEqual([]); // the mount point on the host stays empty
      } finally {
        world.cleanup();
      }
    });
  });

  it('read-only mode still runs the test with the dependencies', async () => {
    const copy = await makeCopy('copy-ro');
    const deps = await dependencyMountsFor(userRepo, userRepo, { copyRoot: copy });
    const sandbox = createBwrapSandbox({ mode: 'read-only', network: false, copyRoot: copy, visibleRoot: userRepo, dependencyMounts: deps.mounts, scratchDirs: deps.scratch });
    const r = await sandbox.run({ command: 'node test.js; touch x || echo RO', cwd: copy, timeoutMs: 20_000 }, new AbortController().signal);
    expect(r.output).toContain('ok: tiny-math 1.2.3\n');
    expect(r.output).toContain('RO\n');
    expect(treeFingerprint(userRepo)).toBe(before);
  });

  it('without the mounts the copy cannot run the test (the dependency is really not copied)', async () => {
    const copy = await makeCopy('copy-none');
    const sandbox = createBwrapSandbox({ mode: 'workspace-write', network: false, copyRoot: copy, visibleRoot: userRepo });
    const r = await sandbox.run({ command: 'node test.js', cwd: copy, timeoutMs: 20_000 }, new AbortController().signal);
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toContain("Cannot find module 'tiny-math'");
  });
});
