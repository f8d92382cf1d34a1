// End to end, through the built CLI with real bwrap and real git: what the run's result says about
// the files it wrote that .gitignore hides, and about its edits outside a sparse checkout.
//   - every ignored file the agent wrote with apply_patch is named; what its commands wrote is
//     summarised per top-level folder (a build's hundreds of files stay one line);
//   - `hew exec --apply --include-ignored` takes them; `--apply --ephemeral` keeps a run whose
//     ignored files were not applied;
//   - the exec summary and thread.completed name the edits outside a cone-mode sparse checkout.
// The user's tree and .git are checked before and after.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent, ThreadCompleted } from '../../src/protocol/events.ts';
import { git, treeFingerprint } from '../support/fixtures.ts';
import type { HewHome } from '../support/hew-cli.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

/** A world (its model comes with `world.serve`) whose repository ignores `.env`, `dist/`, `*.log` and `node_modules/`. */
function ignoringWorld(): Promise<World> {
  return hewWorld().withRepo({ '.gitignore': '.env\ndist/\n*.log\nnode_modules/\n', 'app.js': 'let x = 1;\n' }).build();
}

/** The run's thread.completed, from its transcript in hew's state directory. */
function completedOf(home: HewHome, runId: string): ThreadCompleted {
  const lines = readFileSync(join(home.state, 'hew', 'runs', runId, 'events.jsonl'), 'utf8').trim().split('\n');
  const done = lines.map((l) => JSON.parse(l) as StampedEvent).find((e) => e.type === 'thread.completed');
  if (done?.type !== 'thread.completed') throw new Error('no thread.completed');
  return done;
}

function runIdIn(stderr: string): string {
  const id = /^run (\S+)/m.exec(stderr)?.[1];
  if (!id) throw new Error(`no run id in: ${stderr}`);
  return id;
}

const UPDATE_APP = ['*** Update File: app.js', '@@', '-let x = 1;', '+let x = 2;'];
const PATCHED = Array.from({ length: 12 }, (_, i) => `dist/p${String(i + 1).padStart(2, '0')}.js`);

describe('ignored files the run wrote, by who wrote them', () => {
  it('names every file apply_patch wrote and summarises what commands wrote, per top-level folder', async () => {
    const world = await ignoringWorld();
    const { repo, home } = world;
    const gitBefore = treeFingerprint(join(repo, '.git'));
    const patch = ['*** Begin Patch', '*** Add File: .env', '+TOKEN=run', ...PATCHED.flatMap((p) => [`*** Add File: ${p}`, `+// ${p}`]), ...UPDATE_APP, '*** End Patch'];
    await world.serve([
      { outputs: [{ tool: 'apply_patch', args: { input: patch.join('\n') } }] },
      { outputs: [{ tool: 'shell', args: { command: 'mkdir -p dist/gen node_modules/x && for i in $(seq 1 15); do echo $i > dist/gen/f$i.js; done; echo x > debug.log; echo d > node_modules/x/i.js' } }] },
      { outputs: [{ text: 'done' }] },
    ]);
    const exec = await world.hew(['exec', 'build'], { timeoutMs: 60_000 });
    expect(exec.code, exec.stderr).toBe(0);
    const runId = runIdIn(exec.stderr);
    const named = ['.env', ...PATCHED];

    // The event says which is which.
    const done = completedOf(home, runId);
    expect(done.ignored_files).toEqual(named);
    expect(done.ignored_by_commands).toEqual([
      { path: 'debug.log', files: 1 },
      { path: 'dist/', files: 15 },
    ]);

    // The exec summary, hew diff and hew apply say the same.
    const diff = await world.hew(['diff', runId], { timeoutMs: 60_000 });
    const applied = await world.hew(['apply', runId], { timeoutMs: 60_000 });
    expect(applied.code, applied.stderr).toBe(0);
    for (const out of [exec.stderr, diff.stderr, applied.stdout]) {
      expect(out).toContain('29 ignored files not applied');
      for (const p of named) expect(out).toContain(`  ignored ${p}\n`);
      expect(out).toContain('  ignored dist/ (15 files written by commands)');
      expect(out).toContain('  ignored debug.log (written by a command)');
      expect(out).not.toContain('ignored dist/gen/');
      expect(out).not.toContain('ignored node_modules');
    }
    expect(readFileSync(join(repo, 'app.js'), 'utf8')).toBe('let x = 2;\n');
    expect(existsSync(join(repo, 'dist'))).toBe(false);
    expect(existsSync(join(repo, '.env'))).toBe(false);
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
  });
});

describe('hew exec --apply --include-ignored', () => {
  const script = (): ScriptedTurn[] => [
    { outputs: [{ tool: 'apply_patch', args: { input: ['*** Begin Patch', '*** Add File: .env', '+TOKEN=run', ...UPDATE_APP, '*** End Patch'].join('\n') } }] },
    { outputs: [{ tool: 'shell', args: { command: 'echo built > debug.log' } }] },
    { outputs: [{ text: 'done' }] },
  ];

  it('without --apply is a usage error (exit 2), and nothing runs', async () => {
    const world = await ignoringWorld();
    const { repo } = world;
    const before = treeFingerprint(repo);
    await world.serve(script());
    const exec = await world.hew(['exec', '--include-ignored', 'build'], { timeoutMs: 60_000 });
    expect(exec.code).toBe(2);
    expect(exec.stderr.trim().split('\n')).toHaveLength(1);
    expect(exec.stderr).toContain('--include-ignored');
    expect(exec.stderr).toContain('--apply');
    expect(world.requests).toHaveLength(0);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('takes the ignored files with the rest; without it, --ephemeral keeps the run that still holds them', async () => {
    const world = await ignoringWorld();
    const { repo, home } = world;
    const gitBefore = treeFingerprint(join(repo, '.git'));
    await world.serve([...script(), ...script()]);

    // --apply --ephemeral: app.js applied, the ignored files not; the run stays, and says how to take them.
    const kept = await world.hew(['exec', '--apply', '--ephemeral', 'build'], { timeoutMs: 60_000 });
    expect(kept.code, kept.stderr).toBe(0);
    expect(readFileSync(join(repo, 'app.js'), 'utf8')).toBe('let x = 2;\n');
    expect(existsSync(join(repo, '.env'))).toBe(false);
    expect(kept.stderr).toContain('2 ignored files not applied');
    expect(kept.stderr).toMatch(/--ephemeral: run \S+ was kept/);
    expect(readdirSync(join(home.state, 'hew', 'runs'))).toHaveLength(1);

    // Back to the base, then --apply --include-ignored: everything lands.
    writeFileSync(join(repo, 'app.js'), 'let x = 1;\n');
    const taken = await world.hew(['exec', '--apply', '--include-ignored', '--ephemeral', 'build'], { timeoutMs: 60_000 });
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toContain('applied 3 files');
    const applyReport = taken.stderr.slice(taken.stderr.indexOf('hew: applied'));
    expect(applyReport).not.toContain('ignored');
    expect(readFileSync(join(repo, 'app.js'), 'utf8')).toBe('let x = 2;\n');
    expect(readFileSync(join(repo, '.env'), 'utf8')).toBe('TOKEN=run\n');
    expect(readFileSync(join(repo, 'debug.log'), 'utf8')).toBe('built\n');
    expect(readdirSync(join(home.state, 'hew', 'runs'))).toHaveLength(1);
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
  });
});

describe('edits outside a cone-mode sparse checkout, in the run result', () => {
  it('thread.completed and the exec summary name them as not applied, with the reason', async () => {
    const world = await hewWorld().withRepo(null).build();
    const { repo, home } = world;
    git(repo, 'init', '-q', '-b', 'main');
    for (const d of ['in', 'out']) mkdirSync(join(repo, d));
    writeFileSync(join(repo, 'in', 'a.txt'), 'a\n');
    writeFileSync(join(repo, 'out', 'b.txt'), 'b\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'sparse-checkout', 'set', '--cone', 'in');
    const gitBefore = treeFingerprint(join(repo, '.git'));
    const treeBefore = treeFingerprint(repo);
    const patch = ['*** Begin Patch', '*** Update File: in/a.txt', '@@', '-a', '+a (run)', '*** Add File: out/new.txt', '+new', '*** End Patch'].join('\n');
    await world.serve([
      { outputs: [{ tool: 'apply_patch', args: { input: patch } }] },
      { outputs: [{ tool: 'shell', args: { command: 'mkdir -p out && echo b2 > out/b.txt' } }] },
      { outputs: [{ text: 'done' }] },
    ]);
    const exec = await world.hew(['exec', 'edit'], { timeoutMs: 60_000 });
    expect(exec.code, exec.stderr).toBe(0);
    const done = completedOf(home, runIdIn(exec.stderr));
    expect(done.outside_sparse).toEqual(['out/b.txt', 'out/new.txt']);
    expect(exec.stderr).toContain('2 files outside your sparse checkout not applied');
    expect(exec.stderr).toContain('  outside out/b.txt');
    expect(exec.stderr).toContain('  outside out/new.txt');
    expect(treeFingerprint(repo)).toBe(treeBefore);
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
  });
});
