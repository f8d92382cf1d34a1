// End to end, through the built CLI with real bwrap and real git, as root and as nobody: inside the
// working copy, git looks like the user's checkout. The model's own `git status`, `git diff`,
// `git diff --cached`, `git log`, `git stash list` and `git branch`, run as sandboxed commands after a
// patched step, print exactly what they print in a twin of the user's checkout with the same edit;
// the model cannot commit, stage or stash; the prompt names the user's branch and base commit. A
// rewind brings the copy back to what git showed at that step, and `hew apply` still keeps the user's
// staged changes staged.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chownTree, NOBODY, USER_GIT_ENV, userBase, type As } from '../support/as-user.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { answer, DATE_FIX_PATCH, patch, shell } from '../support/scripts.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

const base = userBase('hew-e2e-checkout-');
afterEach(closeWorlds);

/** git as root on a tree nobody may own, reading only (no index refresh), with no user config. */
const HOST_GIT_ENV = { GIT_OPTIONAL_LOCKS: '0', ...USER_GIT_ENV };

function hostSh(cwd: string, script: string, home: string): string {
  return execFileSync('sh', ['-c', script], { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', ...HOST_GIT_ENV }, encoding: 'utf8' });
}

/** What the model looks at, delimited so it can be cut out of the shell tool's output. */
const LOOK = [
  'echo @@status',
  'git status',
  'echo @@diff',
  'git diff',
  'echo @@cached',
  'git diff --cached',
  'echo @@log',
  "git log --format='%H %an %s'",
  'echo @@stash',
  'git stash list',
  'echo @@branch',
  'git branch',
  'echo @@end',
].join('; ');

/** Trying to write the copy's git: each must fail in the sandbox. */
const WRITE = 'git add -A >/dev/null 2>&1; echo "add=$?"; git commit -q -m mine >/dev/null 2>&1; echo "commit=$?"; git stash >/dev/null 2>&1; echo "stash=$?"';

function between(output: string): string {
  const start = output.indexOf('@@status\n');
  const end = output.indexOf('@@end');
  if (start < 0 || end < 0) throw new Error(`no git output in: ${output}`);
  return output.slice(start, end);
}

const ADD_EXTRA = '*** Begin Patch\n*** Add File: src/extra.js\n+export const extra = 1;\n*** End Patch';

/** The date-parser repository with a second commit, a staged change, an unstaged change and an untracked file. */
async function dirtyWorld(as: As): Promise<World> {
  const world = await hewWorld().asUser(as, base).build();
  const g = (...args: string[]): string => execFileSync('git', args, { cwd: world.repo, env: { ...process.env, ...HOST_GIT_ENV, GIT_OPTIONAL_LOCKS: '1' }, encoding: 'utf8' });
  writeFileSync(join(world.repo, 'package.json'), `${readFileSync(join(world.repo, 'package.json'), 'utf8').trimEnd()}\n\n`);
  g('commit', '-q', '-am', 'second commit');
  writeFileSync(join(world.repo, 'README.md'), `${readFileSync(join(world.repo, 'README.md'), 'utf8')}\nStaged by the user.\n`);
  g('add', 'README.md');
  writeFileSync(join(world.repo, 'src/days.js'), `${readFileSync(join(world.repo, 'src/days.js'), 'utf8')}// unstaged note\n`);
  writeFileSync(join(world.repo, 'TODO.txt'), 'untracked\n');
  if (as === 'nobody') chownTree(world.dir, NOBODY);
  return world;
}

async function exec(world: World, turns: ScriptedTurn[]): Promise<{ runId: string; copy: string }> {
  await world.serve(turns);
  const result = await world.hew(['exec', '--json', 'fix the date parser']);
  expect(result.code, result.stderr).toBe(0);
  const started = result.events()[0];
  if (started?.type !== 'thread.started') throw new Error('no thread.started');
  return { runId: started.run_id, copy: join(world.runDir(started.run_id), 'work') };
}

describe.each(['root', 'nobody'] as const)('git in the copy, as %s', (as) => {
  it('shows the model what the user’s checkout shows, its own edits included; it cannot commit', async () => {
    const world = await dirtyWorld(as);
    const userHead = hostSh(world.repo, 'git rev-parse HEAD', world.home.dir).trim();
    const userLook = hostSh(world.repo, LOOK, world.home.dir);
    for (const text of ['On branch main', 'Changes to be committed', '+Staged by the user.', '+// unstaged note', 'TODO.txt', 'User second commit', '* main']) {
      expect(userLook).toContain(text);
    }
    const { runId, copy } = await exec(world, [shell(LOOK), patch(DATE_FIX_PATCH), shell(LOOK), shell(WRITE), patch(ADD_EXTRA), answer('done')]);

    // Before any edit: exactly the user's checkout.
    expect(between(toolOutput(world.requests[1]))).toBe(between(userLook));
    // After the patch: a twin of the user's checkout with the same edit.
    const twin = join(world.dir, 'twin');
    cpSync(world.repo, twin, { recursive: true });
    writeFileSync(join(twin, 'src/date.js'), readFileSync(join(copy, 'src/date.js')));
    const twinLook = hostSh(twin, LOOK, world.home.dir);
    expect(twinLook).toContain('src/date.js');
    expect(between(toolOutput(world.requests[3]))).toBe(between(twinLook));
    const written = toolOutput(world.requests[4]);
    for (const cmd of ['add', 'commit', 'stash']) expect(written).toMatch(new RegExp(`${cmd}=[1-9]`));

    // The prompt names the user's branch and base commit, and says the model cannot commit.
    const instructions = String(world.requests[0]?.body.instructions ?? '');
    expect(instructions).toContain(`branch main at ${userHead.slice(0, 7)}`);
    expect(instructions).toContain('You cannot commit');

    // Nothing moved: HEAD, branch, index, stash; hew's record is under refs/hew.
    expect(hostSh(copy, 'git rev-parse HEAD; git symbolic-ref HEAD', world.home.dir)).toBe(`${userHead}\nrefs/heads/main\n`);
    const refs = hostSh(copy, "git for-each-ref --format='%(refname)' refs/hew", world.home.dir);
    expect(refs).toBe('refs/hew/base\nrefs/hew/last\nrefs/hew/steps/2\nrefs/hew/steps/5\n');
    expect(hostSh(copy, 'git status --short', world.home.dir)).toContain('?? src/extra.js');

    // A rewind to step 2 shows what git showed after that step: the twin again.
    await world.hewOk(['rewind', runId, '2']);
    expect(between(hostSh(copy, LOOK, world.home.dir))).toBe(between(twinLook));

    // apply: the run's edit lands, the user's staged change stays staged, byte for byte.
    const cached = hostSh(world.repo, 'git diff --cached', world.home.dir);
    await world.hewOk(['apply', runId]);
    expect(hostSh(world.repo, 'git diff --cached', world.home.dir)).toBe(cached);
    expect(readFileSync(join(world.repo, 'src/date.js'), 'utf8')).toBe(readFileSync(join(twin, 'src/date.js'), 'utf8'));

    // Back to the start: the user's checkout as it was.
    await world.hewOk(['rewind', runId, '0']);
    expect(between(hostSh(copy, LOOK, world.home.dir))).toBe(between(userLook));
  });
});

/**
 * Turns a run made now into one as hew made it before refs/hew (what an older hew left on disk): its
 * base snapshot and every checkpoint re-made as commits on branch `hew-run` — HEAD there at the last
 * one, the index its tree, no refs/hew, no hew index files — and meta.json and events.jsonl naming
 * those commits. The trees are the same: the old code snapshot the same files.
 */
function makeLegacy(runDir: string, home: string): void {
  const copy = join(runDir, 'work');
  const g = (script: string): string => hostSh(copy, script, home).trim();
  const metaFile = join(runDir, 'meta.json');
  const eventsFile = join(runDir, 'events.jsonl');
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { base_snapshot: string; base_commit: string };
  const lines = readFileSync(eventsFile, 'utf8');
  const steps = lines
    .split('\n')
    .filter((l) => l.includes('"hew.checkpoint"'))
    .map((l) => JSON.parse(l) as { step: number; commit: string });
  const renames = new Map<string, string>();
  let prev = g(`git commit-tree ${meta.base_snapshot}^{tree} -p ${meta.base_commit} -m 'hew: base snapshot'`);
  renames.set(meta.base_snapshot, prev);
  for (const { step, commit } of steps) {
    prev = g(`git commit-tree ${commit}^{tree} -p ${prev} -m 'hew: step ${step}'`);
    renames.set(commit, prev);
  }
  g(`git update-ref refs/heads/hew-run ${prev} && git symbolic-ref HEAD refs/heads/hew-run && git update-ref -d refs/heads/main`);
  g(`git read-tree ${prev} && GIT_OPTIONAL_LOCKS=1 git update-index -q --refresh; git for-each-ref --format='%(refname)' refs/hew | while read r; do git update-ref -d "$r"; done`);
  rmSync(join(copy, '.git', 'hew-index'));
  rmSync(join(copy, '.git', 'hew-user-index'));
  let metaText = readFileSync(metaFile, 'utf8');
  let eventsText = lines;
  for (const [from, to] of renames) {
    metaText = metaText.replaceAll(from, to);
    eventsText = eventsText.replaceAll(from, to);
  }
  writeFileSync(metaFile, metaText);
  writeFileSync(eventsFile, eventsText);
}

describe('a run made before refs/hew (checkpoints as commits on hew-run)', () => {
  it('still diffs, rewinds, resumes, applies to a branch and applies', async () => {
    const world = await dirtyWorld('root');
    const { runId, copy } = await exec(world, [patch(DATE_FIX_PATCH), patch(ADD_EXTRA), answer('done')]);
    makeLegacy(join(copy, '..'), world.home.dir);
    expect(hostSh(copy, "git log -3 --format='%s'; git symbolic-ref HEAD; git for-each-ref refs/hew", world.home.dir)).toBe(
      'hew: step 2\nhew: step 1\nhew: base snapshot\nrefs/heads/hew-run\n',
    );
    expect((await world.hewOk(['diff', '--name-status', runId])).stdout).toBe('M\tsrc/date.js\nA\tsrc/extra.js\n');

    await world.hewOk(['rewind', runId, '1']);
    expect((await world.hewOk(['diff', '--name-status', runId])).stdout).toBe('M\tsrc/date.js\n');
    expect(hostSh(copy, "git log -1 --format='%s'; git status --porcelain", world.home.dir)).toBe('hew: step 1\n');

    await world.serve([patch('*** Begin Patch\n*** Add File: src/other.js\n+export const other = 2;\n*** End Patch'), answer('done again')]);
    await world.hewOk(['exec', '--resume', runId, 'add other.js']);
    expect((await world.hewOk(['diff', '--name-status', runId])).stdout).toBe('M\tsrc/date.js\nA\tsrc/other.js\n');
    const steps = hostSh(copy, "git for-each-ref --format='%(refname)' refs/hew", world.home.dir);
    expect(steps).toBe('refs/hew/last\nrefs/hew/steps/2\n');

    await world.hewOk(['apply', '--branch', 'hew/legacy', runId]);
    const [parent, head] = hostSh(world.repo, 'git rev-parse hew/legacy^ HEAD', world.home.dir).trim().split('\n');
    expect(parent).toBe(head);
    const cached = hostSh(world.repo, 'git diff --cached', world.home.dir);
    await world.hewOk(['apply', runId]);
    expect(hostSh(world.repo, 'git diff --cached', world.home.dir)).toBe(cached);
    expect(readFileSync(join(world.repo, 'src/other.js'), 'utf8')).toBe('export const other = 2;\n');

    await world.hewOk(['rewind', runId, '0']);
    expect((await world.hewOk(['diff', '--name-status', runId])).stdout).toBe('');
  });
});
