// End to end, through the built CLI with real bwrap and real git: the user's tree has a directory
// replaced by a symlink into their home (which the sandbox hides) — a tracked folder `conf/`, a
// submodule's directory `vendor/lib`, a submodule's parent `tools/`. The copy is made from what lies
// inside the repository only: no file is read through a symlinked parent into the copy (the model
// never sees the home's content) and nothing in the symlink's target is touched.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { runCliAs, userWorld, type UserWorld } from '../support/as-user.ts';
import { startModelServer, type ModelServer, type RecordedRequest, type ScriptedTurn } from '../support/model-server.ts';

/** Outside /tmp (which the sandbox replaces). */
const base = mkdtempSync('/opt/hew-e2e-symlinked-parents-');
chmodSync(base, 0o755);
afterAll(() => rmSync(base, { recursive: true, force: true }));

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'safe.directory',
  GIT_CONFIG_VALUE_0: '*',
  GIT_AUTHOR_NAME: 'User',
  GIT_AUTHOR_EMAIL: 'user@example.com',
  GIT_COMMITTER_NAME: 'User',
  GIT_COMMITTER_EMAIL: 'user@example.com',
};

function g(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
}

const SECRET = 'HOME-SECRET-do-not-copy';
const shell = (command: string): ScriptedTurn => ({ outputs: [{ tool: 'shell', args: { command } }] });
const answer = (text: string): ScriptedTurn => ({ outputs: [{ text }] });

function outputAt(req: RecordedRequest | undefined): string {
  const input = (req?.body.input ?? []) as { type: string; output?: string }[];
  return input.filter((i) => i.type === 'function_call_output').at(-1)?.output ?? '';
}

async function exec(world: UserWorld, turns: ScriptedTurn[]): Promise<{ code: number | null; stderr: string; events: StampedEvent[] }> {
  server = await startModelServer(turns);
  world.env.OPENAI_BASE_URL = server.url;
  const result = await runCliAs('root', base, ['exec', '--json', 'look around'], world.repo, world.env);
  const events = result.stdout.trim() === '' ? [] : result.stdout.trim().split('\n').map((l) => JSON.parse(l) as StampedEvent);
  return { code: result.code, stderr: result.stderr, events };
}

let worlds = 0;

describe('a directory of the user’s tree replaced by a symlink into their home', () => {
  it('a tracked folder: the copy never reads through it, and the symlink’s target is left alone', async () => {
    const world = userWorld('root', base, `conf-${++worlds}`);
    mkdirSync(join(world.repo, 'conf'));
    writeFileSync(join(world.repo, 'conf/app.txt'), 'tracked\n');
    g(world.repo, 'add', 'conf');
    g(world.repo, 'commit', '-q', '-m', 'conf');
    const privateDir = join(world.home, 'private');
    mkdirSync(privateDir);
    writeFileSync(join(privateDir, 'app.txt'), `${SECRET}\n`);
    rmSync(join(world.repo, 'conf'), { recursive: true });
    symlinkSync(privateDir, join(world.repo, 'conf'));
    const privateBefore = treeFingerprint(privateDir);

    const run = await exec(world, [shell('cat conf/app.txt; ls -la conf/ 2>&1; true'), answer('done')]);
    expect(readFileSync(join(privateDir, 'app.txt'), 'utf8')).toBe(`${SECRET}\n`);
    expect(run.code, `${run.stderr}\n${JSON.stringify(run.events)}`).toBe(0);
    expect(outputAt(server?.requests[1])).not.toContain(SECRET);
    expect(treeFingerprint(privateDir)).toBe(privateBefore);
  });

  it.each([
    ['the submodule’s own directory', 'vendor/lib', 'vendor/lib'],
    ['a parent of the submodule', 'tools/lib', 'tools'],
  ])('%s: the submodule is left out, named, and nothing of the home reaches the copy', async (_what, sub, linked) => {
    const world = userWorld('root', base, `sub-${++worlds}`);
    const lib = join(world.dir, 'lib-origin');
    mkdirSync(lib);
    g(lib, 'init', '-q', '-b', 'main');
    writeFileSync(join(lib, 'lib.txt'), 'lib\n');
    g(lib, 'add', '-A');
    g(lib, 'commit', '-q', '-m', 'lib');
    g(world.repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, sub);
    g(world.repo, 'commit', '-q', '-m', 'submodule');
    // The user's home is a repository too (dotfiles); the submodule's place now leads there.
    g(world.home, 'init', '-q', '-b', 'main');
    writeFileSync(join(world.home, 'secret.txt'), `${SECRET}\n`);
    g(world.home, 'add', 'secret.txt');
    const target = linked === sub ? world.home : join(world.dir, 'elsewhere');
    if (linked !== sub) {
      mkdirSync(target);
      symlinkSync(world.home, join(target, 'lib'));
    }
    rmSync(join(world.repo, linked), { recursive: true });
    symlinkSync(target, join(world.repo, linked));
    const homeGitBefore = treeFingerprint(join(world.home, '.git'));

    const run = await exec(world, [shell(`cat ${sub}/secret.txt; ls -la ${sub}/ 2>&1; true`), answer('done')]);
    expect(run.code, `${run.stderr}\n${JSON.stringify(run.events)}`).toBe(0);
    expect(outputAt(server?.requests[1])).not.toContain(SECRET);
    const done = run.events.at(-1);
    if (done?.type !== 'thread.completed') throw new Error('no thread.completed');
    expect(done.left_out?.map((e) => e.path)).toContain(`${sub}/`);
    expect(treeFingerprint(join(world.home, '.git'))).toBe(homeGitBefore);
    expect(readFileSync(join(world.home, 'secret.txt'), 'utf8')).toBe(`${SECRET}\n`);
  });

  it('the submodule’s directory replaced by a symlink after the run: apply writes nothing through it', async () => {
    const world = userWorld('root', base, `after-${++worlds}`);
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
    g(world.home, 'init', '-q', '-b', 'main');
    writeFileSync(join(world.home, 'lib.txt'), `${SECRET}\n`);
    rmSync(join(world.repo, 'vendor/lib'), { recursive: true });
    symlinkSync(world.home, join(world.repo, 'vendor/lib'));
    const gitBefore = treeFingerprint(join(world.repo, '.git'));
    const homeGitBefore = treeFingerprint(join(world.home, '.git'));

    const applied = await runCliAs('root', base, ['apply', runId], world.repo, world.env);
    expect(applied.code, applied.stdout).not.toBe(0);
    expect(`${applied.stdout}${applied.stderr}`).toContain('vendor/lib');
    expect(readFileSync(join(world.home, 'lib.txt'), 'utf8')).toBe(`${SECRET}\n`);
    expect(() => readFileSync(join(world.home, 'new.txt'))).toThrow();
    expect(treeFingerprint(join(world.home, '.git'))).toBe(homeGitBefore);
    expect(treeFingerprint(join(world.repo, '.git'))).toBe(gitBefore);
  });

  it('the model makes a git repository without a commit (`git init foo`): the run goes on; its files there are named, not applied', async () => {
    const world = userWorld('root', base, `made-${++worlds}`);
    const run = await exec(world, [shell('git init -q foo && echo hidden > foo/a.txt && echo top > top.txt && echo ok'), answer('done')]);
    expect(run.code, `${run.stderr}\n${JSON.stringify(run.events)}`).toBe(0);
    const done = run.events.at(-1);
    if (done?.type !== 'thread.completed') throw new Error('no thread.completed');
    expect(done.files_changed.map((f) => `${f.kind} ${f.path}`)).toEqual(['add foo', 'add top.txt']);
    const started = run.events[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';
    const gitBefore = treeFingerprint(join(world.repo, '.git'));
    const applied = await runCliAs('root', base, ['apply', runId], world.repo, world.env);
    expect(applied.code, applied.stderr).toBe(0);
    expect(readFileSync(join(world.repo, 'top.txt'), 'utf8')).toBe('top\n');
    expect(applied.stdout).toContain('skipped foo');
    expect(() => readFileSync(join(world.repo, 'foo/a.txt'))).toThrow();
    expect(treeFingerprint(join(world.repo, '.git'))).toBe(gitBefore);
  });
});
