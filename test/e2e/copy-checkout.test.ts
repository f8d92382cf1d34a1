// End to end, through the built CLI with real bwrap and real git, as root and as nobody: inside the
// working copy, git looks like the user's checkout. The model's own `git status`, `git diff`,
// `git diff --cached`, `git log`, `git stash list` and `git branch`, run as sandboxed commands after a
// patched step, print exactly what they print in a twin of the user's checkout with the same edit;
// the model cannot commit, stage or stash; the prompt names the user's branch and base commit. A
// rewind brings the copy back to what git showed at that step, and `hew apply` still keeps the user's
// staged changes staged.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { chownTree, NOBODY, runCliAs, userWorld, type As, type UserWorld } from '../support/as-user.ts';
import { startModelServer, type ModelServer, type RecordedRequest, type ScriptedTurn } from '../support/model-server.ts';
import { DATE_FIX_PATCH } from '../support/scripts.ts';

/** Outside /tmp (which the sandbox replaces), readable by nobody. */
const base = mkdtempSync('/opt/hew-e2e-checkout-');
chmodSync(base, 0o755);
afterAll(() => rmSync(base, { recursive: true, force: true }));

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** git as root on a tree nobody may own, reading only (no index refresh), with no user config. */
const HOST_GIT_ENV = {
  GIT_OPTIONAL_LOCKS: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'safe.directory',
  GIT_CONFIG_VALUE_0: '*',
  GIT_AUTHOR_NAME: 'User',
  GIT_AUTHOR_EMAIL: 'user@example.com',
  GIT_COMMITTER_NAME: 'User',
  GIT_COMMITTER_EMAIL: 'user@example.com',
};

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

function outputAt(req: RecordedRequest | undefined): string {
  const input = (req?.body.input ?? []) as { type: string; output?: string }[];
  return input.filter((i) => i.type === 'function_call_output').at(-1)?.output ?? '';
}

const patch = (input: string): ScriptedTurn => ({ outputs: [{ tool: 'apply_patch', args: { input } }] });
const shell = (command: string): ScriptedTurn => ({ outputs: [{ tool: 'shell', args: { command } }] });
const answer = (text: string): ScriptedTurn => ({ outputs: [{ text }] });

const ADD_EXTRA = '*** Begin Patch\n*** Add File: src/extra.js\n+export const extra = 1;\n*** End Patch';

let worlds = 0;
/** The date-parser repository with a second commit, a staged change, an unstaged change and an untracked file. */
function dirtyWorld(as: As): UserWorld {
  const world = userWorld(as, base, `checkout-${++worlds}`);
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

async function exec(as: As, world: UserWorld, turns: ScriptedTurn[]): Promise<{ runId: string; copy: string }> {
  server = await startModelServer(turns);
  world.env.OPENAI_BASE_URL = server.url;
  const result = await runCliAs(as, base, ['exec', '--json', 'fix the date parser'], world.repo, world.env);
  expect(result.code, result.stderr).toBe(0);
  const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as StampedEvent);
  const started = events[0];
  if (started?.type !== 'thread.started') throw new Error('no thread.started');
  return { runId: started.run_id, copy: join(world.home, '.local', 'state', 'hew', 'runs', started.run_id, 'work') };
}

async function hew(as: As, world: UserWorld, args: string[]): Promise<string> {
  const result = await runCliAs(as, base, args, world.repo, world.env);
  expect(result.code, `hew ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

describe.each(['root', 'nobody'] as const)('git in the copy, as %s', (as) => {
  it('shows the model what the user’s checkout shows, its own edits included; it cannot commit', async () => {
    const world = dirtyWorld(as);
    const userHead = hostSh(world.repo, 'git rev-parse HEAD', world.home).trim();
    const userLook = hostSh(world.repo, LOOK, world.home);
    for (const text of ['On branch main', 'Changes to be committed', '+Staged by the user.', '+// unstaged note', 'TODO.txt', 'User second commit', '* main']) {
      expect(userLook).toContain(text);
    }
    const { runId, copy } = await exec(as, world, [shell(LOOK), patch(DATE_FIX_PATCH), shell(LOOK), shell(WRITE), patch(ADD_EXTRA), answer('done')]);

    // Before any edit: exactly the user's checkout.
    expect(between(outputAt(server?.requests[1]))).toBe(between(userLook));
    // After the patch: a twin of the user's checkout with the same edit.
    const twin = join(world.dir, 'twin');
    cpSync(world.repo, twin, { recursive: true });
    writeFileSync(join(twin, 'src/date.js'), readFileSync(join(copy, 'src/date.js')));
    const twinLook = hostSh(twin, LOOK, world.home);
    expect(twinLook).toContain('src/date.js');
    expect(between(outputAt(server?.requests[3]))).toBe(between(twinLook));
    const written = outputAt(server?.requests[4]);
    for (const cmd of ['add', 'commit', 'stash']) expect(written).toMatch(new RegExp(`${cmd}=[1-9]`));

    // The prompt names the user's branch and base commit, and says the model cannot commit.
    const instructions = String(server?.requests[0]?.body.instructions ?? '');
    expect(instructions).toContain(`branch main at ${userHead.slice(0, 7)}`);
    expect(instructions).toContain('You cannot commit');

    // Nothing moved: HEAD, branch, index, stash; hew's record is under refs/hew.
    expect(hostSh(copy, 'git rev-parse HEAD; git symbolic-ref HEAD', world.home)).toBe(`${userHead}\nrefs/heads/main\n`);
    const refs = hostSh(copy, "git for-each-ref --format='%(refname)' refs/hew", world.home);
    expect(refs).toBe('refs/hew/base\nrefs/hew/last\nrefs/hew/steps/2\nrefs/hew/steps/5\n');
    expect(hostSh(copy, 'git status --short', world.home)).toContain('?? src/extra.js');

    // A rewind to step 2 shows what git showed after that step: the twin again.
    await hew(as, world, ['rewind', runId, '2']);
    expect(between(hostSh(copy, LOOK, world.home))).toBe(between(twinLook));

    // apply: the run's edit lands, the user's staged change stays staged, byte for byte.
    const cached = hostSh(world.repo, 'git diff --cached', world.home);
    await hew(as, world, ['apply', runId]);
    expect(hostSh(world.repo, 'git diff --cached', world.home)).toBe(cached);
    expect(readFileSync(join(world.repo, 'src/date.js'), 'utf8')).toBe(readFileSync(join(twin, 'src/date.js'), 'utf8'));

    // Back to the start: the user's checkout as it was.
    await hew(as, world, ['rewind', runId, '0']);
    expect(between(hostSh(copy, LOOK, world.home))).toBe(between(userLook));
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
    const world = dirtyWorld('root');
    const { runId, copy } = await exec('root', world, [patch(DATE_FIX_PATCH), patch(ADD_EXTRA), answer('done')]);
    makeLegacy(join(copy, '..'), world.home);
    expect(hostSh(copy, "git log -3 --format='%s'; git symbolic-ref HEAD; git for-each-ref refs/hew", world.home)).toBe(
      'hew: step 2\nhew: step 1\nhew: base snapshot\nrefs/heads/hew-run\n',
    );
    expect(await hew('root', world, ['diff', '--name-status', runId])).toBe('M\tsrc/date.js\nA\tsrc/extra.js\n');

    await hew('root', world, ['rewind', runId, '1']);
    expect(await hew('root', world, ['diff', '--name-status', runId])).toBe('M\tsrc/date.js\n');
    expect(hostSh(copy, "git log -1 --format='%s'; git status --porcelain", world.home)).toBe('hew: step 1\n');

    await server?.close();
    server = await startModelServer([patch('*** Begin Patch\n*** Add File: src/other.js\n+export const other = 2;\n*** End Patch'), answer('done again')]);
    world.env.OPENAI_BASE_URL = server.url;
    await hew('root', world, ['exec', '--resume', runId, 'add other.js']);
    expect(await hew('root', world, ['diff', '--name-status', runId])).toBe('M\tsrc/date.js\nA\tsrc/other.js\n');
    const steps = hostSh(copy, "git for-each-ref --format='%(refname)' refs/hew", world.home);
    expect(steps).toBe('refs/hew/last\nrefs/hew/steps/2\n');

    await hew('root', world, ['apply', '--branch', 'hew/legacy', runId]);
    const [parent, head] = hostSh(world.repo, 'git rev-parse hew/legacy^ HEAD', world.home).trim().split('\n');
    expect(parent).toBe(head);
    const cached = hostSh(world.repo, 'git diff --cached', world.home);
    await hew('root', world, ['apply', runId]);
    expect(hostSh(world.repo, 'git diff --cached', world.home)).toBe(cached);
    expect(readFileSync(join(world.repo, 'src/other.js'), 'utf8')).toBe('export const other = 2;\n');

    await hew('root', world, ['rewind', runId, '0']);
    expect(await hew('root', world, ['diff', '--name-status', runId])).toBe('');
  });
});
