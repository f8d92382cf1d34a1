// End to end, through the built CLI with real bwrap and real git: a repository holding names that are
// not UTF-8 — `caf\xe9.txt` and `caf\xe8.txt` (latin-1, both `caf\ufffd.txt` if decoded as UTF-8),
// beside a UTF-8 `café.txt` — and a hostile name with a terminal escape and a newline in it. The
// user's uncommitted edit reaches the copy; the agent's shell edits are named C-quoted in the
// events, the summary and `hew diff`; `hew apply` writes exactly those files, byte for byte, and
// nothing else; the user's `.git` is untouched; no raw escape reaches the terminal.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, treeFingerprint } from '../support/fixtures.ts';
import type { Script } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

const E9 = Buffer.from('caf\xe9.txt', 'latin1');
const E8 = Buffer.from('caf\xe8.txt', 'latin1');
const UTF8 = Buffer.from('café.txt', 'utf8');
const EVIL = Buffer.from('evil\x1b[31mred\nline.txt', 'latin1');

/** A path under `dir` as bytes: the names above are not strings Node could pass as they are. */
function at(dir: string, name: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${dir}/`), name]);
}

/** A world whose model follows `script`, its repository holding the odd names (committed, with one uncommitted edit). */
async function oddWorld(script: Script): Promise<World> {
  const world = await hewWorld().withRepo(null).withScript(script).build();
  const { repo } = world;
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(at(repo, E9), 'latin one\n');
  writeFileSync(at(repo, E8), 'latin two\n');
  writeFileSync(at(repo, UTF8), 'utf8\n');
  writeFileSync(at(repo, EVIL), 'evil\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'odd names');
  writeFileSync(at(repo, E9), 'user edit e9\n'); // uncommitted: must reach the copy
  git(repo, 'status', '--porcelain'); // refresh the index once, as the user's own git would
  return world;
}

const CAT_E9 = `cat "$(printf 'caf\\351.txt')"`;
const EDIT = `printf 'agent edit\\n' > "$(printf 'caf\\351.txt')" && printf 'agent\\n' >> "$(printf 'evil\\033[31mred\\nline.txt')"`;
const Q_E9 = '"caf\\351.txt"';
const Q_EVIL = '"evil\\033[31mred\\nline.txt"';

describe('names that are not UTF-8', () => {
  it('are copied, shown C-quoted and applied byte for byte; the other name that decodes alike is untouched', async () => {
    const world = await oddWorld([
      { outputs: [{ tool: 'shell', args: { command: CAT_E9 } }] },
      { outputs: [{ tool: 'shell', args: { command: EDIT } }] },
      { outputs: [{ text: 'edited' }] },
    ]);
    const { repo } = world;
    const gitBefore = treeFingerprint(join(repo, '.git'));
    const exec = await world.hew(['exec', '--json', 'edit the odd names'], { timeoutMs: 60_000 });
    expect(exec.stderr).toBe('');
    expect(exec.code).toBe(0);
    const events = exec.events();
    const started = events[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';

    // (a) the user's uncommitted edit of caf\xe9.txt is what the copy holds
    expect(toolOutput(world.requests[1])).toContain('user edit e9');

    // (b) the events name the changed files in display form (git's C-quoting), never raw
    const completed = events.find((e) => e.type === 'thread.completed');
    const changed = completed?.type === 'thread.completed' ? completed.files_changed.map((f) => f.path).sort() : [];
    expect(changed).toEqual([Q_E9, Q_EVIL].sort());
    expect(exec.stdout).not.toContain('\x1b');
    expect(exec.stdout).not.toContain('\ufffd');

    const diff = await world.hew(['diff', runId], { timeoutMs: 60_000 });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain(`diff --git "a/caf\\351.txt" "b/caf\\351.txt"`);
    expect(diff.stdout).toContain('+agent edit');
    expect(diff.stdout).toContain(`"b/evil\\033[31mred\\nline.txt"`);
    expect(diff.stdout).not.toContain('\x1b');
    const names = await world.hew(['diff', '--name-status', runId], { timeoutMs: 60_000 });
    expect(names.stdout).toBe(`M\t${Q_E9}\nM\t${Q_EVIL}\n`);

    const applied = await world.hew(['apply', runId], { timeoutMs: 60_000 });
    expect(applied.stderr).not.toContain('conflict');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(Q_E9);
    expect(applied.stdout).toContain(Q_EVIL);
    expect(applied.stdout + applied.stderr).not.toContain('\x1b');

    // exactly those files, byte for byte; caf\xe8.txt and café.txt untouched, never deleted
    expect(readFileSync(at(repo, E9), 'utf8')).toBe('agent edit\n');
    expect(readFileSync(at(repo, E8), 'utf8')).toBe('latin two\n');
    expect(readFileSync(at(repo, UTF8), 'utf8')).toBe('utf8\n');
    expect(readFileSync(at(repo, EVIL), 'utf8')).toBe('evil\nagent\n');
    // (c) HEAD, index and refs as they were
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
  });

  it('the summary on the terminal shows a hostile name escaped, never raw', async () => {
    const world = await oddWorld([{ outputs: [{ tool: 'shell', args: { command: EDIT } }] }, { outputs: [{ text: 'edited' }] }]);
    const exec = await world.hew(['exec', 'edit the odd names'], { timeoutMs: 60_000 });
    expect(exec.code).toBe(0);
    const out = exec.stdout + exec.stderr;
    expect(out).toContain(Q_E9);
    expect(out).toContain(Q_EVIL);
    expect(out).not.toContain('\x1b[31m');
    expect(out).not.toContain('\ufffd');
  });

  it('a directory that is not a git repository (a plain copy) copies and applies them too', async () => {
    const world = await hewWorld()
      .withRepo(null)
      .withScript([
        { outputs: [{ tool: 'shell', args: { command: `${CAT_E9} && printf 'agent edit\\n' > "$(printf 'caf\\351.txt')"` } }] },
        { outputs: [{ text: 'edited' }] },
      ])
      .build();
    const dir = world.repo;
    writeFileSync(at(dir, E9), 'latin one\n');
    writeFileSync(at(dir, E8), 'latin two\n');
    const exec = await world.hew(['exec', '--json', '--skip-git-repo-check', 'edit'], { timeoutMs: 60_000 });
    expect(exec.code, exec.stderr).toBe(0);
    expect(toolOutput(world.requests[1])).toContain('latin one');
    const started = exec.events()[0];
    const runId = started?.type === 'thread.started' ? started.run_id : '';
    const applied = await world.hew(['apply', runId], { timeoutMs: 60_000 });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(Q_E9);
    expect(readFileSync(at(dir, E9), 'utf8')).toBe('agent edit\n');
    expect(readFileSync(at(dir, E8), 'utf8')).toBe('latin two\n');
  });
});
