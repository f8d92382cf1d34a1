// End to end, through the built CLI with real bwrap, real git and real git-lfs: a repository that
// stores `*.bin` through LFS (local objects only, no remote, no network). The model reads an LFS file
// and sees its real content, edits it with apply_patch, and `hew apply` writes the new content into
// the user's file; the user's own git then sees an LFS change, and the user's `.git` is unchanged.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, treeFingerprint } from '../support/fixtures.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

const HAVE_LFS = spawnSync('git', ['lfs', 'version'], { encoding: 'utf8' }).status === 0;

afterEach(closeWorlds);

const CONTENT = 'alpha\nbravo\ncharlie\n';
const EDITED = 'alpha\nbravo (run)\ncharlie\n';
const PATCH = '*** Begin Patch\n*** Update File: data.bin\n@@\n alpha\n-bravo\n+bravo (run)\n charlie\n*** End Patch';

/** Makes `repo` (an empty directory) a repository whose `data.bin` is stored through LFS, its object only in `.git/lfs/objects`. */
function lfsRepo(repo: string): string {
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'lfs', 'install', '--local');
  git(repo, 'lfs', 'track', '*.bin');
  writeFileSync(join(repo, 'data.bin'), CONTENT);
  writeFileSync(join(repo, 'plain.txt'), 'plain\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'lfs files');
  git(repo, 'status', '--porcelain');
  return repo;
}

const TITLE = `a repository with files stored through Git LFS${HAVE_LFS ? '' : ' (skipped: git-lfs is not installed; .ci/run installs it)'}`;

describe.skipIf(!HAVE_LFS)(TITLE, () => {
  it('the model sees the real content, edits it, and apply writes the content the user then commits through LFS', async () => {
    const world = await hewWorld().withRepo(null).build();
    const repo = lfsRepo(world.repo);
    expect(git(repo, 'show', 'HEAD:data.bin')).toContain('version https://git-lfs.github.com/spec/v1');
    const gitBefore = treeFingerprint(join(repo, '.git'));
    await world.serve([
      { outputs: [{ tool: 'shell', args: { command: 'cat data.bin' } }] },
      { outputs: [{ tool: 'apply_patch', args: { input: PATCH } }] },
      { outputs: [{ tool: 'shell', args: { command: 'cat data.bin' } }] },
      { outputs: [{ text: 'edited data.bin' }] },
    ]);
    const exec = await world.hew(['exec', '--json', 'edit data.bin'], { timeoutMs: 60_000 });
    expect(exec.stderr).toBe('');
    expect(exec.code).toBe(0);
    const started = exec.events()[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';

    expect(toolOutput(world.requests[1])).toContain(CONTENT);
    expect(toolOutput(world.requests[1])).not.toContain('git-lfs');
    expect(toolOutput(world.requests[3])).toContain(EDITED);

    const diff = await world.hew(['diff', runId], { timeoutMs: 60_000 });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('+bravo (run)');
    expect(diff.stdout).not.toContain('oid sha256');

    const applied = await world.hew(['apply', runId], { timeoutMs: 60_000 });
    expect(applied.stderr).not.toContain('conflict');
    expect(applied.code).toBe(0);
    expect(readFileSync(join(repo, 'data.bin'), 'utf8')).toBe(EDITED);
    expect(readFileSync(join(repo, 'plain.txt'), 'utf8')).toBe('plain\n');
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);

    // The user's git: data.bin modified, and adding it stores a new LFS pointer (not the raw bytes).
    expect(git(repo, 'status', '--porcelain')).toBe(' M data.bin\n');
    git(repo, 'add', 'data.bin');
    expect(git(repo, 'lfs', 'status')).toContain('data.bin (LFS:');
    const staged = git(repo, 'cat-file', '-p', ':data.bin');
    expect(staged).toContain('version https://git-lfs.github.com/spec/v1');
    expect(staged).not.toContain('bravo');
  });

  it('`apply --branch` stores LFS files as pointers: an unchanged one keeps its blob, an edited one gets its object stored', async () => {
    const world = await hewWorld().withRepo(null).build();
    const repo = lfsRepo(world.repo);
    writeFileSync(join(repo, 'other.bin'), 'untouched\n');
    git(repo, 'add', 'other.bin');
    git(repo, 'commit', '-q', '-m', 'another lfs file');
    const headOther = git(repo, 'rev-parse', 'HEAD:other.bin').trim();
    await world.serve([{ outputs: [{ tool: 'apply_patch', args: { input: PATCH } }] }, { outputs: [{ text: 'edited' }] }]);
    const exec = await world.hew(['exec', '--json', 'edit data.bin'], { timeoutMs: 60_000 });
    expect(exec.code).toBe(0);
    const started = exec.events()[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';

    const made = await world.hew(['apply', '--json', '--branch', 'run-lfs', runId], { timeoutMs: 60_000 });
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout) as { includes_uncommitted: boolean }).toMatchObject({ includes_uncommitted: false });
    expect(git(repo, 'rev-parse', 'run-lfs:other.bin').trim()).toBe(headOther);
    expect(git(repo, 'diff', '--name-only', 'HEAD', 'run-lfs')).toBe('data.bin\n');
    const pointer = git(repo, 'cat-file', '-p', 'run-lfs:data.bin');
    expect(pointer).toMatch(/^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:[0-9a-f]{64}\nsize 26\n$/);
    // The user's git-lfs finds the new object locally: the branch checks out to the edited content.
    expect(execFileSync('git', ['lfs', 'smudge'], { cwd: repo, input: pointer, encoding: 'utf8' })).toBe(EDITED);
    expect(readFileSync(join(repo, 'data.bin'), 'utf8')).toBe(CONTENT);
  });

  it("the user's own uncommitted edit to an LFS file is in the copy, and a missing LFS object leaves the pointer, never fetched", async () => {
    const world = await hewWorld().withRepo(null).build();
    const repo = lfsRepo(world.repo);
    writeFileSync(join(repo, 'gone.bin'), 'never fetched\n');
    git(repo, 'add', 'gone.bin');
    git(repo, 'commit', '-q', '-m', 'a file whose object will be missing');
    const oid = /oid sha256:([0-9a-f]{64})/.exec(git(repo, 'cat-file', '-p', 'HEAD:gone.bin'))?.[1] ?? '';
    rmSync(join(repo, '.git', 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4), oid));
    writeFileSync(join(repo, 'data.bin'), 'alpha\nbravo\ncharlie\nuser line\n');
    await world.serve([
      { outputs: [{ tool: 'shell', args: { command: 'cat data.bin; echo @@; head -c 42 gone.bin' } }] },
      { outputs: [{ tool: 'apply_patch', args: { input: PATCH } }] },
      { outputs: [{ text: 'edited' }] },
    ]);
    const exec = await world.hew(['exec', '--json', '--apply', 'edit data.bin'], { timeoutMs: 60_000 });
    expect(exec.code).toBe(0);
    expect(toolOutput(world.requests[1])).toContain('alpha\nbravo\ncharlie\nuser line\n@@\nversion https://git-lfs.github.com/spec/v1');
    expect(exec.stderr).toMatch(/^hew: applied 1 file from run \S+:\n {2}update +data\.bin\n$/);
    expect(readFileSync(join(repo, 'gone.bin'), 'utf8')).toBe('never fetched\n');
    expect(readFileSync(join(repo, 'data.bin'), 'utf8')).toBe('alpha\nbravo (run)\ncharlie\nuser line\n');
  });

  it('an LFS file whose object the user never fetched stays a pointer in the copy, and the model is told what that means', async () => {
    const world = await hewWorld().withRepo(null).build();
    const repo = lfsRepo(world.repo);
    const oid = /oid sha256:([0-9a-f]{64})/.exec(git(repo, 'show', 'HEAD:data.bin'))?.[1] ?? '';
    // As in a clone made with GIT_LFS_SKIP_SMUDGE: no object, the pointer in the working tree.
    const object = join(repo, '.git', 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4), oid);
    writeFileSync(join(repo, 'data.bin'), git(repo, 'show', 'HEAD:data.bin'));
    // Older than the index: not "racily clean", so no git status (the user's, or hew's in the user's
    // repository) re-runs the user's LFS clean filter, which leaves a file in .git/lfs/tmp.
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(repo, 'data.bin'), past, past);
    git(repo, 'add', 'data.bin');
    rmSync(object);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(existsSync(object)).toBe(false);
    const gitBefore = treeFingerprint(join(repo, '.git'));
    const treeBefore = treeFingerprint(repo);
    await world.serve([
      { outputs: [{ tool: 'shell', args: { command: 'cat data.bin' } }] },
      { outputs: [{ text: 'data.bin is a pointer' }] },
    ]);
    const exec = await world.hew(['exec', '--json', 'read data.bin'], { timeoutMs: 60_000 });
    expect(exec.code, exec.stderr).toBe(0);
    const input = (world.requests[0]?.body.input ?? []) as { type: string; role?: string; content?: string }[];
    const context = input.find((i) => i.type === 'message' && i.role === 'developer')?.content ?? '';
    expect(context).toContain('Git LFS: files stored through LFS hold their real content in this copy, except any whose content the user never fetched');
    expect(context).toContain('git status and git diff here list the LFS files that hold content as modified');
    expect(toolOutput(world.requests[1])).toContain('version https://git-lfs.github.com/spec/v1');
    expect(treeFingerprint(repo)).toBe(treeBefore);
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
  });

  it('a repository without LFS gets no LFS note', async () => {
    const world = await hewWorld().withRepo(null).build();
    const { repo } = world;
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, '.gitattributes'), '*.txt text\n');
    writeFileSync(join(repo, 'a.txt'), 'a\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    await world.serve([{ outputs: [{ text: 'ok' }] }]);
    const exec = await world.hew(['exec', 'look'], { timeoutMs: 60_000 });
    expect(exec.code, exec.stderr).toBe(0);
    const input = (world.requests[0]?.body.input ?? []) as { type: string; role?: string; content?: string }[];
    const context = input.find((i) => i.type === 'message' && i.role === 'developer')?.content ?? '';
    expect(context).toContain('a.txt');
    expect(context).not.toContain('Git LFS');
  });
});
