// End to end, through the built CLI with real bwrap and real git: the user's tree has a directory
// replaced by a symlink into their home (which the sandbox hides) — a tracked folder `conf/`, a
// submodule's directory `vendor/lib`, a submodule's parent `tools/`. The copy is made from what lies
// inside the repository only: no file is read through a symlinked parent into the copy (the model
// never sees the home's content) and nothing in the symlink's target is touched.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { userBase, userGit as g } from '../support/as-user.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { answer, shell } from '../support/scripts.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

const base = userBase('hew-e2e-symlinked-parents-');
afterEach(closeWorlds);

const SECRET = 'HOME-SECRET-do-not-copy';
async function exec(world: World, turns: ScriptedTurn[]): Promise<{ code: number | null; stderr: string; events: StampedEvent[] }> {
  await world.serve(turns);
  const result = await world.hew(['exec', '--json', 'look around']);
  return { code: result.code, stderr: result.stderr, events: result.events() };
}

/** A root user's world: the date-parser repository, a home, hew run as root. */
const rootWorld = (): Promise<World> => hewWorld().asUser('root', base).build();

describe('a directory of the user’s tree replaced by a symlink into their home', () => {
  it('a tracked folder: the copy never reads through it, and the symlink’s target is left alone', async () => {
    const world = await rootWorld();
    mkdirSync(join(world.repo, 'conf'));
    writeFileSync(join(world.repo, 'conf/app.txt'), 'tracked\n');
    g(world.repo, 'add', 'conf');
    g(world.repo, 'commit', '-q', '-m', 'conf');
    const privateDir = join(world.home.dir, 'private');
    mkdirSync(privateDir);
    writeFileSync(join(privateDir, 'app.txt'), `${SECRET}\n`);
    rmSync(join(world.repo, 'conf'), { recursive: true });
    symlinkSync(privateDir, join(world.repo, 'conf'));
    const privateBefore = treeFingerprint(privateDir);

    const run = await exec(world, [shell('cat conf/app.txt; ls -la conf/ 2>&1; true'), answer('done')]);
    expect(readFileSync(join(privateDir, 'app.txt'), 'utf8')).toBe(`${SECRET}\n`);
    expect(run.code, `${run.stderr}\n${JSON.stringify(run.events)}`).toBe(0);
    expect(toolOutput(world.requests[1])).not.toContain(SECRET);
    expect(treeFingerprint(privateDir)).toBe(privateBefore);
  });

  it.each([
    ['the submodule’s own directory', 'vendor/lib', 'vendor/lib'],
    ['a parent of the submodule', 'tools/lib', 'tools'],
  ])('%s: the submodule is left out, named, and nothing of the home reaches the copy', async (_what, sub, linked) => {
    const world = await rootWorld();
    const lib = join(world.dir, 'lib-origin');
    mkdirSync(lib);
    g(lib, 'init', '-q', '-b', 'main');
    writeFileSync(join(lib, 'lib.txt'), 'lib\n');
    g(lib, 'add', '-A');
    g(lib, 'commit', '-q', '-m', 'lib');
    g(world.repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, sub);
    g(world.repo, 'commit', '-q', '-m', 'submodule');
    // The user's home is a repository too (dotfiles); the submodule's place now leads there.
    g(world.home.dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(world.home.dir, 'secret.txt'), `${SECRET}\n`);
    g(world.home.dir, 'add', 'secret.txt');
    const target = linked === sub ? world.home.dir : join(world.dir, 'elsewhere');
    if (linked !== sub) {
      mkdirSync(target);
      symlinkSync(world.home.dir, join(target, 'lib'));
    }
    rmSync(join(world.repo, linked), { recursive: true });
    symlinkSync(target, join(world.repo, linked));
    const homeGitBefore = treeFingerprint(join(world.home.dir, '.git'));

    const run = await exec(world, [shell(`cat ${sub}/secret.txt; ls -la ${sub}/ 2>&1; true`), answer('done')]);
    expect(run.code, `${run.stderr}\n${JSON.stringify(run.events)}`).toBe(0);
    expect(toolOutput(world.requests[1])).not.toContain(SECRET);
    const done = run.events.at(-1);
    if (done?.type !== 'thread.completed') throw new Error('no thread.completed');
    expect(done.left_out?.map((e) => e.path)).toContain(`${sub}/`);
    expect(treeFingerprint(join(world.home.dir, '.git'))).toBe(homeGitBefore);
    expect(readFileSync(join(world.home.dir, 'secret.txt'), 'utf8')).toBe(`${SECRET}\n`);
  });

  it('the submodule’s directory replaced by a symlink after the run: apply writes nothing through it', async () => {
    const world = await rootWorld();
    const lib = join(world.dir, 'lib-origin');
    mkdirSync(lib);
    g(lib, 'init', '-q', '-b', 'main');
    writeFileSync(join(lib, 'lib.txt'), 'lib\n');
    g(lib, 'add', '-A');
    g(lib, 'commit', '-q', '-m', 'lib');
    g(world.repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'vendor/lib');
    g(world.repo, 'commit', '-q', '-m', 'submodule');
    const run = await exec(world, [shell("echo run >> vendor/lib/lib.txt && echo new > vendor/lib/new.txt"), answer('done')]);
    expect(run.code, run.stderr).toBe(0);
    const started = run.events[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';

    // Since the run: the user's home is a repository holding lib.txt, and vendor/lib leads there.
    g(world.home.dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(world.home.dir, 'lib.txt'), `${SECRET}\n`);
    rmSync(join(world.repo, 'vendor/lib'), { recursive: true });
    symlinkSync(world.home.dir, join(world.repo, 'vendor/lib'));
    const gitBefore = treeFingerprint(join(world.repo, '.git'));
    const homeGitBefore = treeFingerprint(join(world.home.dir, '.git'));

    const applied = await world.hew(['apply', runId]);
    expect(applied.code, applied.stdout).not.toBe(0);
    expect(`${applied.stdout}${applied.stderr}`).toContain('vendor/lib');
    expect(readFileSync(join(world.home.dir, 'lib.txt'), 'utf8')).toBe(`${SECRET}\n`);
    expect(() => readFileSync(join(world.home.dir, 'new.txt'))).toThrow();
    expect(treeFingerprint(join(world.home.dir, '.git'))).toBe(homeGitBefore);
    expect(treeFingerprint(join(world.repo, '.git'))).toBe(gitBefore);
  });

  it('the model makes a git repository without a commit (`git init foo`): the run goes on; its files there are named, not applied', async () => {
    const world = await rootWorld();
    const run = await exec(world, [shell('git init -q foo && echo hidden > foo/a.txt && echo top > top.txt && echo ok'), answer('done')]);
    expect(run.code, `${run.stderr}\n${JSON.stringify(run.events)}`).toBe(0);
    const done = run.events.at(-1);
    if (done?.type !== 'thread.completed') throw new Error('no thread.completed');
    expect(done.files_changed.map((f) => `${f.kind} ${f.path}`)).toEqual(['add foo', 'add top.txt']);
    const started = run.events[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';
    const gitBefore = treeFingerprint(join(world.repo, '.git'));
    const applied = await world.hew(['apply', runId]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(readFileSync(join(world.repo, 'top.txt'), 'utf8')).toBe('top\n');
    expect(applied.stdout).toContain('skipped foo');
    expect(() => readFileSync(join(world.repo, 'foo/a.txt'))).toThrow();
    expect(treeFingerprint(join(world.repo, '.git'))).toBe(gitBefore);
  });
});
