// End to end, through the built CLI with real bwrap and real git: a cone-mode sparse checkout. The
// copy has the user's sparse set (the model's `ls` sees no file outside it); the model edits a file
// inside the cone and writes two outside it (one the user's HEAD has, one new). `hew apply` applies
// the inside edit, names the outside ones as not applied, and the user's `.git` is untouched.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, treeFingerprint } from '../support/fixtures.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

const PATCH = [
  '*** Begin Patch',
  '*** Update File: in/a.txt',
  '@@',
  '-a',
  '+a (run)',
  '*** Add File: out/b.txt',
  '+b (run)',
  '*** Add File: out/new.txt',
  '+new (run)',
  '*** End Patch',
].join('\n');

describe('a cone-mode sparse checkout', () => {
  it('the copy has the sparse set; an edit inside the cone applies, the ones outside are reported, not refused', async () => {
    const world = await hewWorld()
      .withRepo(null)
      .withScript([
        { outputs: [{ tool: 'shell', args: { command: 'ls -a; ls out 2>&1; git status --porcelain' } }] },
        { outputs: [{ tool: 'apply_patch', args: { input: PATCH } }] },
        { outputs: [{ text: 'done' }] },
      ])
      .build();
    const { repo } = world;
    git(repo, 'init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'in'));
    mkdirSync(join(repo, 'out'));
    writeFileSync(join(repo, 'in', 'a.txt'), 'a\n');
    writeFileSync(join(repo, 'out', 'b.txt'), 'b\n');
    writeFileSync(join(repo, 'top.txt'), 't\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'sparse-checkout', 'set', '--cone', 'in');
    expect(existsSync(join(repo, 'out'))).toBe(false);
    const gitBefore = treeFingerprint(join(repo, '.git'));

    const exec = await world.hew(['exec', '--json', 'edit'], { timeoutMs: 60_000 });
    expect(exec.stderr).toBe('');
    expect(exec.code).toBe(0);
    const started = exec.events()[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';
    const listing = toolOutput(world.requests[1]);
    expect(listing).toContain('top.txt');
    expect(listing).toContain('No such file'); // no out/ in the copy: the user's sparse set
    const done = exec.events().at(-1);
    if (done?.type !== 'thread.completed') throw new Error('no thread.completed');
    expect(done.files_changed.map((f) => f.path)).toEqual(['in/a.txt', 'out/b.txt', 'out/new.txt']);

    const applied = await world.hew(['apply', runId], { timeoutMs: 60_000 });
    expect(applied.stderr).not.toContain('conflict');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('update in/a.txt');
    expect(applied.stdout).toContain('2 files outside your sparse checkout not applied');
    expect(applied.stdout).toContain('outside out/b.txt');
    expect(applied.stdout).toContain('outside out/new.txt');
    expect(readFileSync(join(repo, 'in', 'a.txt'), 'utf8')).toBe('a (run)\n');
    expect(existsSync(join(repo, 'out'))).toBe(false);
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
    expect(git(repo, 'status', '--porcelain')).toBe(' M in/a.txt\n');
  });

  it('a cone directory whose name git quotes (`é dir`): an edit inside it applies, not reported as outside', async () => {
    const edit = ['*** Begin Patch', '*** Update File: é dir/a.txt', '@@', '-a', '+a (run)', '*** End Patch'].join('\n');
    const world = await hewWorld()
      .withRepo(null)
      .withScript([{ outputs: [{ tool: 'apply_patch', args: { input: edit } }] }, { outputs: [{ text: 'done' }] }])
      .build();
    const { repo } = world;
    git(repo, 'init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'é dir'));
    mkdirSync(join(repo, 'out'));
    writeFileSync(join(repo, 'é dir', 'a.txt'), 'a\n');
    writeFileSync(join(repo, 'out', 'b.txt'), 'b\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'sparse-checkout', 'set', '--cone', 'é dir');
    const gitBefore = treeFingerprint(join(repo, '.git'));

    const exec = await world.hew(['exec', '--json', 'edit'], { timeoutMs: 60_000 });
    expect(exec.code, exec.stderr).toBe(0);
    const started = exec.events()[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';
    const done = exec.events().at(-1);
    if (done?.type !== 'thread.completed') throw new Error('no thread.completed');
    expect(done.outside_sparse ?? []).toEqual([]);

    const applied = await world.hew(['apply', runId], { timeoutMs: 60_000 });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).not.toContain('outside your sparse checkout');
    expect(readFileSync(join(repo, 'é dir', 'a.txt'), 'utf8')).toBe('a (run)\n');
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
  });
});
