// End to end, through the built CLI with real bwrap and real git: files the run writes that the
// repository's .gitignore hides are named, never dropped silently. The model writes `.env` and
// `dist/out.js` with apply_patch; a command writes `debug.log` and `node_modules/x/index.js`. The
// run's result, `hew diff` and `hew apply` name the first three as ignored and not applied (never
// node_modules); `hew apply --include-ignored` writes them; the user's `.git` is untouched.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { treeFingerprint } from '../support/fixtures.ts';
import type { Script } from '../support/model-server.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

const PATCH = [
  '*** Begin Patch',
  '*** Add File: .env',
  '+TOKEN=from-the-run',
  '*** Add File: dist/out.js',
  '+export const out = 1;',
  '*** Update File: app.js',
  '@@',
  '-let x = 1;',
  '+let x = 2;',
  '*** End Patch',
].join('\n');

/** A world whose repository ignores `.env`, `dist/`, `*.log` and `node_modules/`, and whose model follows `script`. */
function ignoringWorld(script: Script) {
  return hewWorld().withRepo({ '.gitignore': '.env\ndist/\n*.log\nnode_modules/\n', 'app.js': 'let x = 1;\n' }).withScript(script).build();
}

const IGNORED = ['.env', 'debug.log', 'dist/out.js'];

describe('ignored files the run wrote', () => {
  it('are listed as not applied in the result, hew diff and hew apply; --include-ignored takes them, never node_modules', async () => {
    const world = await ignoringWorld([
      { outputs: [{ tool: 'apply_patch', args: { input: PATCH } }] },
      { outputs: [{ tool: 'shell', args: { command: 'echo built > debug.log && mkdir -p node_modules/x && echo dep > node_modules/x/index.js' } }] },
      { outputs: [{ text: 'done' }] },
    ]);
    const { repo } = world;
    const gitBefore = treeFingerprint(join(repo, '.git'));
    const exec = await world.hew(['exec', '--json', 'write things'], { timeoutMs: 60_000 });
    expect(exec.stderr).toBe('');
    expect(exec.code).toBe(0);
    const events = exec.events();
    const started = events[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';
    const done = events.at(-1);
    expect(done?.type).toBe('thread.completed');
    if (done?.type !== 'thread.completed') return;
    expect(done.files_changed.map((f) => f.path)).toEqual(['app.js']);
    // apply_patch's files one by one; what the command wrote, summarised (never node_modules).
    expect(done.ignored_files).toEqual(['.env', 'dist/out.js']);
    expect(done.ignored_by_commands).toEqual([{ path: 'debug.log', files: 1 }]);

    const diff = await world.hew(['diff', runId], { timeoutMs: 60_000 });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('+let x = 2;');
    for (const p of IGNORED) expect(diff.stderr).toContain(`ignored ${p}`);
    expect(diff.stderr).toContain('3 ignored files not applied');
    expect(diff.stderr).not.toContain('node_modules');

    const applied = await world.hew(['apply', runId], { timeoutMs: 60_000 });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('update app.js');
    for (const p of IGNORED) expect(applied.stdout).toContain(`ignored ${p}`);
    expect(applied.stdout).toContain(`hew apply ${runId} --include-ignored`);
    expect(applied.stdout).not.toContain('node_modules');
    expect(readFileSync(join(repo, 'app.js'), 'utf8')).toBe('let x = 2;\n');
    for (const p of IGNORED) expect(existsSync(join(repo, p))).toBe(false);

    const json = await world.hew(['apply', runId, '--dry-run', '--json'], { timeoutMs: 60_000 });
    expect(JSON.parse(json.stdout).ignored).toEqual(IGNORED);

    const taken = await world.hew(['apply', runId, '--include-ignored'], { timeoutMs: 60_000 });
    expect(taken.stderr).toBe('');
    expect(taken.code).toBe(0);
    expect(taken.stdout).toContain('applied 3 files');
    expect(readFileSync(join(repo, '.env'), 'utf8')).toBe('TOKEN=from-the-run\n');
    expect(readFileSync(join(repo, 'dist/out.js'), 'utf8')).toBe('export const out = 1;\n');
    expect(readFileSync(join(repo, 'debug.log'), 'utf8')).toBe('built\n');
    expect(existsSync(join(repo, 'node_modules'))).toBe(false);
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
  });

  it('--include-ignored is all or nothing: an ignored file the user has, different, is a conflict and nothing is written', async () => {
    const world = await ignoringWorld([
      { outputs: [{ tool: 'apply_patch', args: { input: PATCH } }] },
      { outputs: [{ text: 'done' }] },
    ]);
    const { repo } = world;
    writeFileSync(join(repo, '.env'), 'TOKEN=users-own\n');
    const exec = await world.hew(['exec', 'write things'], { timeoutMs: 60_000 });
    expect(exec.code).toBe(0);
    // The human summary names them (the apply_patch files one by one).
    expect(exec.stderr).toContain('2 ignored files not applied');
    expect(exec.stderr).toContain('ignored .env');
    expect(exec.stderr).toContain('ignored dist/out.js');
    const taken = await world.hew(['apply', '--include-ignored'], { timeoutMs: 60_000 });
    expect(taken.code).toBe(5);
    expect(taken.stderr).toContain('.env');
    expect(readFileSync(join(repo, '.env'), 'utf8')).toBe('TOKEN=users-own\n');
    expect(readFileSync(join(repo, 'app.js'), 'utf8')).toBe('let x = 1;\n');
    expect(existsSync(join(repo, 'dist'))).toBe(false);
  });
});
