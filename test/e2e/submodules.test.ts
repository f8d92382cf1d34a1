// End to end, through the built CLI with real bwrap and real git, as root and as nobody: a repository
// with a real submodule (`git submodule add`, committed) holding an uncommitted edit of the user's, a
// second submodule that is not initialised, a nested repository that is not a submodule and a FIFO
// with escape sequences in its name where a tracked file was. The model reads a file of the submodule, edits one and adds one
// there with apply_patch, and edits and adds with a shell command; it also writes into the submodule
// that is not initialised. The result, `hew diff` and `hew apply` show the submodule's edits; apply
// writes them into the user's submodule working tree and nothing else — the submodule's HEAD and
// index, the outer index, HEAD and refs (all of `.git`) byte-identical — and names what it did not
// take and what the copy left out, the hostile name made safe. A user's edit of the same lines since
// the run is a conflict: nothing written.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { treeFingerprint } from '../support/fixtures.ts';
import { chownTree, NOBODY, userBase, userGit as g, type As } from '../support/as-user.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { answer, patch, shell } from '../support/scripts.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

const base = userBase('hew-e2e-submodules-');
afterEach(closeWorlds);

const LIB = 'one\ntwo\nthree\n';
const HOSTILE_FIFO = 'pipe-\u001b]0;pwned\u0007\u001b[31m.fifo';
/** How hew names it in events, JSON and on the terminal: git's C-quoting. */
const HOSTILE_FIFO_SHOWN = '"pipe-\\033]0;pwned\\a\\033[31m.fifo"';

/** The date-parser repository with submodule vendor/lib (an uncommitted edit in notes.txt), vendor/off (not initialised), scratch/ (a nested repository) and a FIFO. */
async function submoduleWorld(as: As): Promise<World> {
  const world = await hewWorld().asUser(as, base).build();
  const lib = join(world.dir, 'lib-origin');
  mkdirSync(lib);
  g(lib, 'init', '-q', '-b', 'main');
  writeFileSync(join(lib, 'lib.txt'), LIB);
  writeFileSync(join(lib, 'notes.txt'), 'notes\n');
  writeFileSync(join(lib, '.gitignore'), '*.log\n');
  g(lib, 'add', '-A');
  g(lib, 'commit', '-q', '-m', 'lib');
  writeFileSync(join(world.repo, HOSTILE_FIFO), 'a file, then a FIFO\n');
  g(world.repo, 'add', '--', HOSTILE_FIFO);
  g(world.repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'vendor/lib');
  g(world.repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'vendor/off');
  g(world.repo, 'commit', '-q', '-m', 'submodules');
  g(world.repo, 'submodule', 'deinit', '-q', '-f', 'vendor/off');
  writeFileSync(join(world.repo, 'vendor/lib/notes.txt'), 'notes\nthe user’s uncommitted edit\n');
  const scratch = join(world.repo, 'scratch');
  mkdirSync(scratch);
  g(scratch, 'init', '-q');
  writeFileSync(join(scratch, 'n.txt'), 'nested\n');
  rmSync(join(world.repo, HOSTILE_FIFO)); // git lists a FIFO only where it tracks a file
  execFileSync('mkfifo', [join(world.repo, HOSTILE_FIFO)]);
  if (as === 'nobody') chownTree(world.dir, NOBODY);
  return world;
}

const EDIT_LIB = [
  '*** Begin Patch',
  '*** Update File: vendor/lib/lib.txt',
  '@@',
  ' one',
  '-two',
  '+two (run)',
  '*** Add File: vendor/lib/new.txt',
  '+added in the submodule',
  '*** End Patch',
].join('\n');

const SHELL_EDIT = "echo 'from the shell' > vendor/lib/shell.txt && sed -i 's/^notes$/notes (run)/' vendor/lib/notes.txt && echo x > vendor/off/x.txt && echo log > vendor/lib/debug.log";

async function exec(world: World, turns: ScriptedTurn[], json: boolean, extra: string[] = []): ReturnType<World['hew']> {
  await world.serve(turns);
  return world.hew(['exec', ...(json ? ['--json'] : []), ...extra, 'work in the submodule']);
}

/** What the user must see about the nested repository and the FIFO, and never a raw escape. */
function expectNotCopied(text: string): void {
  expect(text).toContain('not copied scratch/: git repository nested in yours');
  expect(text).toContain('not copied vendor/off/: submodule not initialised');
  expect(text).toContain(`not copied ${HOSTILE_FIFO_SHOWN}: not a regular file or symlink`);
  expect(text).not.toContain('\u001b');
  expect(text).not.toContain('\u0007');
}

describe.each(['root', 'nobody'] as const)('a repository with submodules, as %s', (as) => {
  it('the run sees the submodule as the user has it; its edits are shown and applied to the submodule’s files, nothing else', async () => {
    const world = await submoduleWorld(as);
    const run = await exec(world, [shell('cat vendor/lib/lib.txt vendor/lib/notes.txt; ls -a vendor/lib; git status --short >/dev/null && echo status-ok'), patch(EDIT_LIB), shell(SHELL_EDIT), answer('done')], true);
    expect(run.code, run.stderr).toBe(0);

    // (a) the model read the submodule's files, the user's uncommitted edit included; no .git was carried in.
    const read = toolOutput(world.requests[1]);
    expect(read).toContain('one\ntwo\nthree');
    expect(read).toContain('the user’s uncommitted edit');
    expect(read).not.toMatch(/^\.git$/m);
    expect(read).toContain('status-ok'); // git in the copy sees a submodule that is not checked out, and is quiet

    const started = run.events()[0];
    const done = run.events().at(-1);
    if (started?.type !== 'thread.started' || done?.type !== 'thread.completed') throw new Error('no thread.started / thread.completed');
    const runId = started.run_id;
    expect(done.files_changed.map((f) => `${f.kind} ${f.path}`)).toEqual([
      'update vendor/lib/lib.txt',
      'add vendor/lib/new.txt',
      'update vendor/lib/notes.txt',
      'add vendor/lib/shell.txt',
      'add vendor/off/x.txt',
    ]);
    expect(done.ignored_by_commands).toEqual([{ path: 'vendor/', files: 1 }]); // the submodule's .gitignore hides it: listed, not dropped
    // (d) what the copy left out, on the event.
    expect(done.left_out?.map((e) => e.path)).toEqual([HOSTILE_FIFO_SHOWN, 'scratch/', 'vendor/off/']);
    expect(done.left_out?.every((e) => e.reason.length > 0)).toBe(true);

    // (b) hew diff shows the submodule's edits; stderr names what was not copied, made safe.
    const diff = await world.hew(['diff', runId]);
    expect(diff.code, diff.stderr).toBe(0);
    for (const text of ['+two (run)', '+++ b/vendor/lib/new.txt', '+added in the submodule', '+notes (run)', '+++ b/vendor/lib/shell.txt']) expect(diff.stdout).toContain(text);
    expectNotCopied(diff.stderr);

    // hew apply: the submodule's files change, nothing in .git does (the submodule's HEAD and index are in .git/modules).
    const gitBefore = treeFingerprint(join(world.repo, '.git'));
    const scratchBefore = treeFingerprint(join(world.repo, 'scratch'));
    const subHead = g(join(world.repo, 'vendor/lib'), 'rev-parse', 'HEAD');
    const applied = await world.hew(['apply', runId]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('applied 4 files');
    for (const line of ['update vendor/lib/lib.txt', 'add    vendor/lib/new.txt', 'update vendor/lib/notes.txt', 'add    vendor/lib/shell.txt']) expect(applied.stdout).toContain(line);
    expect(applied.stdout).toContain('skipped vendor/off/x.txt: inside a submodule that was not initialised when the run started');
    expectNotCopied(applied.stdout);
    expect(readFileSync(join(world.repo, 'vendor/lib/lib.txt'), 'utf8')).toBe('one\ntwo (run)\nthree\n');
    expect(readFileSync(join(world.repo, 'vendor/lib/new.txt'), 'utf8')).toBe('added in the submodule\n');
    expect(readFileSync(join(world.repo, 'vendor/lib/notes.txt'), 'utf8')).toBe('notes (run)\nthe user’s uncommitted edit\n');
    expect(readFileSync(join(world.repo, 'vendor/lib/shell.txt'), 'utf8')).toBe('from the shell\n');
    expect(existsSync(join(world.repo, 'vendor/off/x.txt'))).toBe(false);
    expect(applied.stdout).toContain('ignored vendor/ (1 file written by commands)');
    expect(existsSync(join(world.repo, 'vendor/lib/debug.log'))).toBe(false);
    expect(treeFingerprint(join(world.repo, '.git'))).toBe(gitBefore);
    expect(treeFingerprint(join(world.repo, 'scratch'))).toBe(scratchBefore);
    expect(g(join(world.repo, 'vendor/lib'), 'rev-parse', 'HEAD')).toBe(subHead);

    // --json carries the same lists.
    const json = await world.hew(['apply', runId, '--dry-run', '--json']);
    const parsed = JSON.parse(json.stdout) as { skipped: { path: string }[]; not_copied: { path: string }[] };
    expect(parsed.skipped.map((e) => e.path)).toEqual(['vendor/off/x.txt']);
    expect(parsed.not_copied.map((e) => e.path)).toEqual([HOSTILE_FIFO_SHOWN, 'scratch/', 'vendor/off/']);

    // --branch: a commit of the outer repository records the submodule as its commit, as the user's HEAD has it.
    const branched = await world.hew(['apply', runId, '--branch', 'from-run']);
    expect(branched.code, branched.stderr).toBe(0);
    expect(branched.stdout).toContain('5 changes inside submodules are not on the branch');
    expect(branched.stdout).toContain('  vendor/lib/shell.txt');
    expect(g(world.repo, 'ls-tree', 'from-run', 'vendor/lib')).toBe(g(world.repo, 'ls-tree', 'HEAD', 'vendor/lib'));
  });

  it('the user changed the same lines of a submodule file since the run: a conflict, nothing written', async () => {
    const world = await submoduleWorld(as);
    const run = await exec(world, [patch(EDIT_LIB), answer('done')], false);
    expect(run.code, run.stderr).toBe(0);
    // (d) the human summary names what the copy left out.
    expect(run.stderr).toContain('vendor/lib/lib.txt');
    expectNotCopied(run.stderr);

    writeFileSync(join(world.repo, 'vendor/lib/lib.txt'), 'one\ntwo (user)\nthree\n');
    const gitBefore = treeFingerprint(join(world.repo, '.git'));
    const applied = await world.hew(['apply']);
    expect(applied.code).toBe(5);
    expect(applied.stderr).toContain('conflict vendor/lib/lib.txt');
    expect(applied.stderr).toContain('nothing was written');
    expectNotCopied(applied.stderr);
    expect(readFileSync(join(world.repo, 'vendor/lib/lib.txt'), 'utf8')).toBe('one\ntwo (user)\nthree\n');
    expect(existsSync(join(world.repo, 'vendor/lib/new.txt'))).toBe(false);
    expect(treeFingerprint(join(world.repo, '.git'))).toBe(gitBefore);

    // Resumed, the run still reports what its copy left out (it is kept with the run).
    const resumed = await exec(world, [answer('again')], true, ['--resume', (run.stderr.match(/hew (\d{8}-\d{6}-\w+)/) ?? [])[1] ?? '']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const last = resumed.events().at(-1);
    expect(last?.type === 'thread.completed' ? last.left_out?.map((e) => e.path) : null).toEqual([HOSTILE_FIFO_SHOWN, 'scratch/', 'vendor/off/']);
  });
});
