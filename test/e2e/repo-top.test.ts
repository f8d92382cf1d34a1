// End to end, through the built CLI with real git and real bwrap: the repository a run copies is the
// one git names. A stray empty `.git` folder above or inside a project does not move the top; outside
// git every run is refused (exit 2, one line naming git and --skip-git-repo-check) and nothing is
// left behind; with the flag the directory alone is copied, within limits; hew's own state folder
// inside the repository (a dotfiles repository in $HOME) is never copied; a copy that fails half-way
// leaves no run and no half copy; GIT_DIR in hew's environment does not move the repository; a
// linked worktree and a submodule are repositories of their own, as git says.
import { existsSync, mkdirSync, readdirSync, realpathSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { fixtureRepo, git, tempDir } from '../support/fixtures.ts';
import type { HewResult } from '../support/hew-cli.ts';
import { runHewOnPty } from '../support/pty.ts';
import type { ModelServer, ScriptedTurn } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

/** A world whose repository the test makes where it needs one (runs pass `cwd`). */
function noRepo(): Promise<World> {
  return hewWorld().withRepo(null).build();
}

/** The model lists the copy it works in, then answers. */
function lookAround(): ScriptedTurn[] {
  return [{ outputs: [{ tool: 'shell', args: { command: 'ls -A' } }] }, { outputs: [{ text: 'looked' }] }];
}

/** `hew exec` in `cwd`, against a new scripted server of the world; `env` adds to the world's. */
async function exec(world: World, cwd: string, flags: string[] = [], env: Record<string, string | undefined> = {}, script: ScriptedTurn[] = lookAround()): Promise<HewResult & { server: ModelServer }> {
  const server = await world.serve(script);
  const json = flags.includes('--human') ? [] : ['--json'];
  const args = [...json, ...flags.filter((f) => f !== '--human')];
  const result = await world.hew(['exec', ...args, 'look around'], { cwd, env, timeoutMs: 60_000 });
  return { ...result, server };
}

function started(result: HewResult): Extract<StampedEvent, { type: 'thread.started' }> {
  const first = result.events()[0];
  if (first?.type !== 'thread.started') throw new Error(`no thread.started: ${result.stderr}`);
  return first;
}

/** The copy of the run `result` started (RUN/work). */
function copyOf(result: HewResult, state: string): string {
  return join(state, 'hew', 'runs', started(result).run_id, 'work');
}

function runDirs(state: string): string[] {
  const dir = join(state, 'hew', 'runs');
  return existsSync(dir) ? readdirSync(dir) : [];
}

async function listedRuns(world: World, cwd: string, env: Record<string, string | undefined> = {}): Promise<string> {
  const listed = await world.hew(['runs', '--all', '--json'], { cwd, env });
  expect(listed.code).toBe(0);
  return listed.stdout;
}

/** A directory holding an empty `.git` folder (a stray one, as unpacked archives and shared folders have). */
function strayParent(): string {
  const parent = realpathSync(tempDir('hew-stray-'));
  mkdirSync(join(parent, '.git'));
  writeFileSync(join(parent, 'parent-secret.txt'), 'not part of any project\n');
  return parent;
}

function plainDir(parent: string): string {
  const dir = join(parent, 'notes');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'todo.txt'), 'buy milk\n');
  writeFileSync(join(dir, 'sub', 'more.txt'), 'more\n');
  return dir;
}

describe('the repository is the one git names', () => {
  it('a real repository under a parent with a stray empty .git: only the repository is copied', async () => {
    const parent = strayParent();
    const world = await hewWorld().build();
    const home = world.home;
    const inside = join(parent, 'date-parser');
    git(parent, 'clone', '-q', world.repo, inside);
    const result = await exec(world, join(inside, 'src'));
    expect(result.code, result.stderr).toBe(0);
    expect(started(result).repo).toBe(inside);
    expect(started(result).working_copy).toBe(join(copyOf(result, home.state), 'src'));
    expect(existsSync(join(copyOf(result, home.state), 'src', 'date.js'))).toBe(true);
    expect(existsSync(join(copyOf(result, home.state), 'parent-secret.txt'))).toBe(false);
    expect(existsSync(join(copyOf(result, home.state), 'date-parser'))).toBe(false);
  });

  it('a stray empty .git inside a repository does not make its folder the top', async () => {
    const world = await hewWorld().build();
    const home = world.home;
    const repo = realpathSync(world.repo);
    mkdirSync(join(repo, 'test', '.git'));
    const result = await exec(world, join(repo, 'test'));
    expect(result.code, result.stderr).toBe(0);
    expect(started(result).repo).toBe(repo);
    const copy = copyOf(result, home.state);
    expect(started(result).working_copy).toBe(join(copy, 'test'));
    expect(existsSync(join(copy, 'src', 'date.js'))).toBe(true);
    // The model works in the real repository's copy.
    expect(toolOutput(result.server.requests[1])).toMatch(/\bsrc\b[\s\S]*\btest\b/);
  });

  it('a plain directory under a stray .git is refused: one line naming git and the flag, exit 2, no run', async () => {
    const parent = strayParent();
    const dir = plainDir(parent);
    const world = await noRepo();
    const home = world.home;
    const result = await exec(world, dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^hew: \S+notes is not in a git repository \(git: not a git repository[^\n]*--skip-git-repo-check[^\n]*\n$/);
    expect(result.server.requests).toHaveLength(0);
    expect(runDirs(home.state)).toEqual([]);
    expect(await listedRuns(world, dir)).toBe('');
  });

  it('with --skip-git-repo-check the directory alone is copied plainly', async () => {
    const parent = strayParent();
    const dir = plainDir(parent);
    const world = await noRepo();
    const home = world.home;
    const result = await exec(world, dir, ['--skip-git-repo-check']);
    expect(result.code, result.stderr).toBe(0);
    expect(started(result).repo).toBe(dir);
    const copy = copyOf(result, home.state);
    expect(readdirSync(copy).sort()).toEqual(['.git', 'sub', 'todo.txt']);
    expect(toolOutput(result.server.requests[1])).toContain('todo.txt');
    expect(toolOutput(result.server.requests[1])).not.toContain('parent-secret');
  });

  it('outside any repository without the flag: refused by the TUI, batch and watch too', async () => {
    const dir = plainDir(realpathSync(tempDir('hew-plain-')));
    const world = await noRepo();
    const home = world.home;
    writeFileSync(join(dir, 'task.md'), 'look around\n');
    for (const args of [['batch', 'task.md'], ['watch', '--once']]) {
      const result = await world.hew(args, { cwd: dir });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/^hew: [^\n]*not in a git repository[^\n]*--skip-git-repo-check[^\n]*\n$/);
    }
    const tui = await runHewOnPty([], { cwd: dir, env: world.env });
    expect(tui.code).toBe(2);
    expect(tui.output).toMatch(/hew: [^\n]*not in a git repository[^\n]*--skip-git-repo-check/);
    expect(runDirs(home.state)).toEqual([]);
  });
});

describe('plain copies have limits; a failed copy leaves nothing', () => {
  it('over 2 GiB in files: a clear error, no run left, no copy', async () => {
    const dir = plainDir(realpathSync(tempDir('hew-big-')));
    // Sparse files: 210 × 10 MiB of apparent size, no disk used.
    mkdirSync(join(dir, 'data'));
    for (let i = 0; i < 210; i++) {
      const file = join(dir, 'data', `blob-${i}.bin`);
      writeFileSync(file, '');
      truncateSync(file, 10 * 1024 * 1024);
    }
    const world = await noRepo();
    const home = world.home;
    const result = await exec(world, dir, ['--skip-git-repo-check', '--human']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the working copy could not be made');
    expect(result.stderr).toMatch(/2\.1 GiB in files, more than the 2 GiB limit[^\n]*too much for a plain copy; run hew in a git repository/);
    expect(result.stderr).toContain('no run was kept');
    expect(runDirs(home.state)).toEqual([]);
    expect(await listedRuns(world, dir)).toBe('');
  });

  it('a copy that fails half-way (a path too long for the copy) is removed, and so is its run', async () => {
    const world = await hewWorld().build();
    const repo = world.repo;
    // State folders with a long path: the copy's path outgrows PATH_MAX where the user's does not.
    const state = join(world.home.state, 'x'.repeat(200));
    const env = { XDG_STATE_HOME: state };
    let deep = repo;
    const segment = 'd'.repeat(200);
    while (deep.length < 4096 - 220) {
      deep = join(deep, segment);
      mkdirSync(deep);
    }
    writeFileSync(join(deep, 'f.txt'), 'deep\n'); // untracked, so the overlay copies it
    writeFileSync(join(repo, 'a-untracked.txt'), 'copied before the failure\n');
    const result = await exec(world, repo, ['--human'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the working copy could not be made: .*ENAMETOOLONG/);
    expect(runDirs(state)).toEqual([]);
    expect(await listedRuns(world, repo, env)).toBe('');
  });
});

describe("hew's own folders are never copied", () => {
  it('a dotfiles repository at $HOME holding the default state folder: no run is copied into the next', async () => {
    const top = realpathSync(tempDir('hew-dotfiles-'));
    writeFileSync(join(top, '.bashrc'), 'export EDITOR=vi\n');
    git(top, 'init', '-q', '-b', 'main');
    git(top, 'add', '-A');
    git(top, 'commit', '-q', '-m', 'dotfiles');
    mkdirSync(join(top, '.config', 'hew'), { recursive: true });
    writeFileSync(join(top, '.config', 'hew', 'AGENTS.md'), 'be brief\n');
    writeFileSync(join(top, '.cache-note.txt'), 'an ordinary untracked file\n');
    const world = await hewWorld().withRepo(null).withHomeAt(top).build();
    const state = world.home.state;

    const first = await exec(world, top);
    expect(first.code, first.stderr).toBe(0);
    const second = await exec(world, top);
    expect(second.code, second.stderr).toBe(0);
    for (const run of [first, second]) {
      const copy = copyOf(run, state);
      expect(existsSync(join(copy, '.cache-note.txt'))).toBe(true);
      expect(existsSync(join(copy, '.local'))).toBe(false);
      expect(existsSync(join(copy, '.config', 'hew'))).toBe(false);
      expect(toolOutput(run.server.requests[1])).not.toContain('.local');
    }
    expect(runDirs(state)).toHaveLength(2);
  });

  it('a plain copy of a directory holding the state folder leaves it out', async () => {
    const top = realpathSync(tempDir('hew-plain-home-'));
    writeFileSync(join(top, 'notes.txt'), 'notes\n');
    const world = await hewWorld().withRepo(null).withHomeAt(top).build();
    const state = world.home.state;
    const first = await exec(world, top, ['--skip-git-repo-check']);
    expect(first.code, first.stderr).toBe(0);
    const second = await exec(world, top, ['--skip-git-repo-check']);
    expect(second.code, second.stderr).toBe(0);
    const copy = copyOf(second, state);
    expect(existsSync(join(copy, 'notes.txt'))).toBe(true);
    expect(existsSync(join(copy, '.local', 'state', 'hew'))).toBe(false);
  });
});

describe('repositories as git sees them', () => {
  it("GIT_DIR and GIT_WORK_TREE in hew's environment do not move the repository", async () => {
    const world = await hewWorld().build();
    const home = world.home;
    const repo = realpathSync(world.repo);
    const other = realpathSync(fixtureRepo('date-parser'));
    writeFileSync(join(other, 'other-only.txt'), 'x\n');
    git(other, 'add', '-A');
    git(other, 'commit', '-q', '-m', 'other');
    const result = await exec(world, repo, [], { GIT_DIR: join(other, '.git'), GIT_WORK_TREE: other });
    expect(result.code, result.stderr).toBe(0);
    expect(started(result).repo).toBe(repo);
    expect(existsSync(join(copyOf(result, home.state), 'other-only.txt'))).toBe(false);

    // In a plain directory, the refusal says GIT_DIR was not used.
    const dir = plainDir(realpathSync(tempDir('hew-plain-')));
    const refused = await exec(world, dir, [], { GIT_DIR: join(other, '.git'), GIT_WORK_TREE: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('hew ignores GIT_DIR and GIT_WORK_TREE');
  });

  it('a linked worktree is its own top, at its own HEAD', async () => {
    const world = await hewWorld().build();
    const home = world.home;
    const repo = realpathSync(world.repo);
    const wt = join(realpathSync(tempDir('hew-wt-')), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'feature', wt);
    writeFileSync(join(wt, 'feature.txt'), 'feature\n');
    git(wt, 'add', '-A');
    git(wt, 'commit', '-q', '-m', 'feature');
    const result = await exec(world, join(wt, 'src'));
    expect(result.code, result.stderr).toBe(0);
    expect(started(result).repo).toBe(wt);
    expect(started(result).base_commit).toBe(git(wt, 'rev-parse', 'HEAD').trim());
    expect(existsSync(join(copyOf(result, home.state), 'feature.txt'))).toBe(true);
  });

  it('a submodule directory is a repository of its own', async () => {
    const world = await hewWorld().build();
    const home = world.home;
    const sub = realpathSync(world.repo);
    const outer = realpathSync(tempDir('hew-outer-'));
    writeFileSync(join(outer, 'outer.txt'), 'outer\n');
    git(outer, 'init', '-q', '-b', 'main');
    git(outer, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'lib');
    git(outer, 'add', '-A');
    git(outer, 'commit', '-q', '-m', 'with a submodule');
    const result = await exec(world, join(outer, 'lib'));
    expect(result.code, result.stderr).toBe(0);
    expect(started(result).repo).toBe(join(outer, 'lib'));
    const copy = copyOf(result, home.state);
    expect(existsSync(join(copy, 'src', 'date.js'))).toBe(true);
    expect(existsSync(join(copy, 'outer.txt'))).toBe(false);
  });
});
