// End to end, through the built CLI with real bwrap and real git: a submodule whose path is not UTF-8
// (`lib\xe9`, latin-1). git cannot be run in it from hew (a working directory or an argument is
// UTF-8 in Node), so it is left out of the copy and named with the reason; the run goes on, what it
// writes there is skipped by `hew apply`, the rest applies, and `hew apply --branch` records the
// submodule as its commit. The user's `.git` and the submodule are untouched.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { USER_GIT_ENV, userGit } from '../support/as-user.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);


/** A shell script in `cwd` (bash, so `$'lib\\xe9'` names the latin-1 path: Node passes arguments as UTF-8). */
function sh(cwd: string, script: string): string {
  return execFileSync('bash', ['-euc', script], { cwd, env: { ...process.env, ...USER_GIT_ENV }, encoding: 'utf8' });
}

const Q_SUB_DIR = '"lib\\351/"';
const Q_NEW = '"lib\\351/new.txt"';

describe('a submodule whose path is not UTF-8', () => {
  it('is left out and named; the run goes on, what it writes there is skipped, the rest applies', async () => {
    const world = await hewWorld()
      .withRepo(null)
      .withScript([
        { outputs: [{ tool: 'shell', args: { command: `ls -a "$(printf 'lib\\351')"; echo run > "$(printf 'lib\\351')/new.txt"; echo run >> top.txt` } }] },
        { outputs: [{ text: 'done' }] },
      ])
      .build();
    const lib = join(world.dir, 'lib-origin');
    const { repo } = world;
    mkdirSync(lib);
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: lib });
    writeFileSync(join(lib, 'lib.txt'), 'one\ntwo\n');
    userGit(lib, 'add', '-A');
    userGit(lib, 'commit', '-q', '-m', 'lib');
    userGit(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'top.txt'), 'top\n');
    userGit(repo, 'add', '-A');
    // The gitlink and the checkout are what count (a clone in place, its own `.git`).
    sh(repo, `git clone -q ${lib} $'lib\\xe9' && printf '160000 %s\\t%s\\0' "$(git -C $'lib\\xe9' rev-parse HEAD)" $'lib\\xe9' | git update-index -z --index-info && git commit -q -m submodule`);
    const gitBefore = treeFingerprint(join(repo, '.git'));
    const subGitBefore = sh(repo, `git -C $'lib\\xe9' rev-parse HEAD`);

    const exec = await world.hew(['exec', '--json', 'edit'], { timeoutMs: 60_000 });
    expect(exec.code, exec.stderr + exec.stdout).toBe(0);
    expect(toolOutput(world.requests[1])).not.toContain('lib.txt');
    const started = exec.events()[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';
    const done = exec.events().at(-1);
    if (done?.type !== 'thread.completed') throw new Error('no thread.completed');
    expect(done.left_out?.map((e) => e.path)).toEqual([Q_SUB_DIR]);
    expect(done.left_out?.[0]?.reason).toContain('not valid UTF-8');

    const applied = await world.hew(['apply', runId], { timeoutMs: 60_000 });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`skipped ${Q_NEW}`);
    expect(readFileSync(join(repo, 'top.txt'), 'utf8')).toBe('top\nrun\n');
    expect(sh(repo, `ls -a $'lib\\xe9'`)).not.toContain('new.txt');
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
    expect(sh(repo, `git -C $'lib\\xe9' rev-parse HEAD`)).toBe(subGitBefore);

    const branched = await world.hew(['apply', runId, '--branch', 'from-run'], { timeoutMs: 60_000 });
    expect(branched.code, branched.stderr).toBe(0);
    expect(sh(repo, `git ls-tree from-run -- $'lib\\xe9'`)).toBe(sh(repo, `git ls-tree HEAD -- $'lib\\xe9'`));
    expect(sh(repo, 'git show from-run:top.txt')).toBe('top\nrun\n');
  });
});
