// Dependency directories (SPEC §4): the fixture's git-ignored node_modules is not part of the working
// copy's tree, yet its test passes inside the sandbox, offline: node_modules is copied privately into
// the copy (writable; git sees nothing), other dependency directories are bound read-only (writes
// fail); either way the user's tree stays byte-for-byte the same.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBwrapSandbox, type BwrapOptions } from '../../src/sandbox/bwrap.ts';
import { prepareDependencies, prepareMountPoints } from '../../src/sandbox/deps-mounts.ts';
import { copyDependencyDir } from '../../src/workcopy/deps-copy.ts';
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

  it('finds node_modules and copies it privately into the copy, git-excluded', async () => {
    const copy = await makeCopy('copy-plan');
    expect(existsSync(path.join(copy, 'node_modules'))).toBe(false); // not part of the copy's tree
    const deps = await prepareDependencies(userRepo, userRepo, { copyRoot: copy });
    expect(deps).toEqual({ mounts: [], copies: ['node_modules'], notes: [] });
    expect(treeFingerprint(path.join(copy, 'node_modules'))).toBe(treeFingerprint(path.join(userRepo, 'node_modules')));
    expect(readFileSync(path.join(copy, '.git', 'info', 'exclude'), 'utf8')).toContain('/node_modules/\n');
    expect(git(copy, 'status', '--porcelain')).toBe('');
    // A resumed run keeps its copy as it is: a directory the copy already filled is neither copied again nor covered.
    writeFileSync(path.join(copy, 'node_modules', 'tiny-math', 'cache.tsbuildinfo'), 'x');
    expect(await prepareDependencies(userRepo, userRepo, { copyRoot: copy })).toEqual({ mounts: [], copies: [], notes: [] });
    expect(existsSync(path.join(copy, 'node_modules', 'tiny-math', 'cache.tsbuildinfo'))).toBe(true);
  });

  it('mounts read-only what it does not copy, and writes nothing without a copy root', async () => {
    const copy = await makeCopy('copy-mounts');
    const mount = [{ source: path.join(userRepo, 'node_modules'), target: path.join(userRepo, 'node_modules') }];
    expect(await prepareDependencies(userRepo, userRepo, { copyRoot: copy, privateCopy: [] })).toEqual({ mounts: mount, copies: [], notes: [] });
    expect(readdirSync(path.join(copy, 'node_modules'))).toEqual([]); // only the mount point
    expect(await prepareDependencies(userRepo, userRepo)).toEqual({ mounts: mount, copies: [], notes: [] });
    // No sandbox to mount with (danger-full-access): only the private copies are made.
    const plain = await makeCopy('copy-unmountable');
    expect(await prepareDependencies(userRepo, plain, { copyRoot: plain, privateCopy: [], mountable: false })).toEqual({ mounts: [], copies: [], notes: [] });
    expect(existsSync(path.join(plain, 'node_modules'))).toBe(false);
  });

  it('a copy that fails leaves its directory empty and says why', async () => {
    const dest = mkdtempSync(path.join(base, 'failed-'));
    const missing = await copyDependencyDir(path.join(base, 'no-such-dir'), dest);
    expect(missing).toMatchObject({ copied: false, reason: expect.stringContaining('no-such-dir') });
    expect(readdirSync(dest)).toEqual([]);
    const big = mkdtempSync(path.join(base, 'big-'));
    for (let i = 0; i < 3000; i++) writeFileSync(path.join(big, `f${i}.js`), 'x'.repeat(100));
    const slow = await copyDependencyDir(big, dest, 1);
    expect(slow).toEqual({ copied: false, reason: 'the copy took longer than 0 s' });
    expect(readdirSync(dest)).toEqual([]);
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
    it('the test passes offline, the private node_modules is writable, the user tree is unchanged', async () => {
      const copy = await makeCopy(`copy-${as}`);
      const world = makeWorld(as); // for PATH (a node nobody can run) and cleanup
      try {
        const deps = await prepareDependencies(userRepo, userRepo, { copyRoot: copy });
        // hew running as nobody makes the copy as nobody; here the suite (root) made it.
        if (as === 'nobody') execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, copy]);
        const opts: BwrapOptions = {
          mode: 'workspace-write',
          network: false,
          copyRoot: copy,
          visibleRoot: userRepo,
          dependencyMounts: deps.mounts,
          env: { PATH: world.pathVar, HOME: world.home },
        };
        const sb = makeRunner(as, opts);
        const test = await sb.run({ command: as === 'root' ? 'node test.js && npm test --silent' : 'node test.js', cwd: copy });
        expect(test.output).toContain('ok: tiny-math 1.2.3');
        expect(test.exitCode).toBe(0);

        const writes = await sb.run({
          command:
            'echo "// cached" >> node_modules/tiny-math/index.js && touch node_modules/new && echo c > node_modules/.cache/c && ' +
            'rm -rf node_modules/tiny-math && echo WROTE; git status --porcelain; echo done',
          cwd: copy,
        });
        expect(writes.output).toBe('WROTE\ndone\n'); // writable, and git sees nothing changed
        expect(treeFingerprint(userRepo)).toBe(before);
        expect(readdirSync(path.join(copy, 'node_modules')).sort()).toEqual(['.cache', 'new']);
      } finally {
        world.cleanup();
      }
    });

    it('a read-only dependency directory refuses writes', async () => {
      const copy = await makeCopy(`copy-ro-deps-${as}`);
      const world = makeWorld(as);
      try {
        if (as === 'nobody') execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, copy]);
        const deps = await prepareDependencies(userRepo, userRepo, { copyRoot: copy, privateCopy: [] });
        const sb = makeRunner(as, { mode: 'workspace-write', network: false, copyRoot: copy, visibleRoot: userRepo, dependencyMounts: deps.mounts, env: { PATH: world.pathVar, HOME: world.home } });
        const r = await sb.run({
          command: 'node test.js; echo hacked > node_modules/tiny-math/index.js || echo DENIED-EDIT; touch node_modules/new || echo DENIED-NEW; rm -rf node_modules/tiny-math || echo DENIED-RM',
          cwd: copy,
        });
        expect(r.output).toContain('ok: tiny-math 1.2.3');
        for (const word of ['DENIED-EDIT', 'DENIED-NEW', 'DENIED-RM']) expect(r.output).toContain(word);
        expect(treeFingerprint(userRepo)).toBe(before);
        expect(readdirSync(path.join(copy, 'node_modules'))).toEqual([]); // the mount point on the host stays empty
      } finally {
        world.cleanup();
      }
    });
  });

  it('read-only mode still runs the test with the dependencies', async () => {
    const copy = await makeCopy('copy-ro');
    const deps = await prepareDependencies(userRepo, userRepo, { copyRoot: copy });
    const sandbox = createBwrapSandbox({ mode: 'read-only', network: false, copyRoot: copy, visibleRoot: userRepo, dependencyMounts: deps.mounts });
    const r = await sandbox.run({ command: 'node test.js; touch x || echo RO', cwd: copy, timeoutMs: 20_000 }, new AbortController().signal);
    expect(r.output).toContain('ok: tiny-math 1.2.3\n');
    expect(r.output).toContain('RO\n');
    expect(treeFingerprint(userRepo)).toBe(before);
  });

  it('without the mounts or the copy the test cannot run (the dependency is really not in the copy\'s tree)', async () => {
    const copy = await makeCopy('copy-none');
    const sandbox = createBwrapSandbox({ mode: 'workspace-write', network: false, copyRoot: copy, visibleRoot: userRepo });
    const r = await sandbox.run({ command: 'node test.js', cwd: copy, timeoutMs: 20_000 }, new AbortController().signal);
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toContain("Cannot find module 'tiny-math'");
  });
});
